// The demo model: what answers when the server has no ANTHROPIC_API_KEY. It runs as the responder of an
// in-process fake Anthropic server, so a demo turn takes exactly the path a real one does.
import type { RecordedRequest } from './fake-anthropic';
import type { ScriptedReply } from './script';

export const DEMO_NOTE =
	'(This is the demo model: the server has no ANTHROPIC_API_KEY, so Claude is not answering.)';

const ABOUT =
	'session-runner is a local-first app for running Claude coding sessions. Your prompts and the replies live in ' +
	'a document on each of your devices and on this server: you can type while offline, the prompt runs when the ' +
	'device is back online, and every device sees the reply stream in. Each session has its own working folder ' +
	'on the server where Claude can read and change files.';

const KEY =
	'To talk to Claude, give the server an Anthropic API key and restart it:\n\n' +
	'    ANTHROPIC_API_KEY=sk-ant-... npm start\n\n' +
	'Create a key at https://console.anthropic.com (Settings → API Keys). Optionally set CLAUDE_MODEL to choose ' +
	'the default model for new sessions. The key stays on the server; devices never see it.';

const TRY =
	'Meanwhile you can try the app itself: open more sessions in tabs, press Stop while a reply streams, go ' +
	'offline and queue a prompt, or open the app on a second device and watch both update.';

/** The last plain text the person typed, to pick what to talk about (Claude Code's reminders and system messages left out). */
function lastPrompt(request: RecordedRequest): string {
	const messages = (request.body as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
	const last = messages.filter((m) => m.role !== 'system').at(-1);
	if (!last || last.role !== 'user') return '';
	if (typeof last.content === 'string') return last.content;
	const blocks = Array.isArray(last.content) ? (last.content as Array<{ type: string; text?: string }>) : [];
	return blocks
		.map((b) => (b.type === 'text' && !b.text?.startsWith('<system-reminder>') ? (b.text ?? '') : ''))
		.join(' ')
		.trim();
}

export function demoAnswer(prompt: string): string {
	const p = prompt.toLowerCase();
	const parts = [DEMO_NOTE];
	if (/\b(key|api|claude|model|real|set ?up|configure)\b/.test(p)) parts.push(KEY, ABOUT);
	else if (/\b(what|who|app|this|help|about|how)\b/.test(p)) parts.push(ABOUT, KEY);
	else parts.push(`You wrote: “${prompt.trim().slice(0, 200)}”.`, ABOUT, KEY);
	parts.push(TRY);
	return parts.join('\n\n');
}

export interface DemoOptions {
	/** Pause between deltas, so the reply streams visibly (default 25 ms). */
	delayMs?: number;
	chunkChars?: number;
}

export function demoResponder(options: DemoOptions = {}): (request: RecordedRequest) => ScriptedReply {
	return (request) => ({
		type: 'message',
		content: [{ type: 'text', text: demoAnswer(lastPrompt(request)) }],
		chunkChars: options.chunkChars ?? 6,
		delayMs: options.delayMs ?? 25
	});
}
