// The demo model: what answers when the server has no ANTHROPIC_API_KEY. It runs as the responder of an
// in-process fake Anthropic server, so a demo turn takes exactly the path a real one does: its tool calls
// are approved, run in the session's folder and reported back like Claude's. Questions about the app or
// the key get a Markdown answer; anything else gets the tour (tour.ts), one step per request.
import type { RecordedRequest } from './fake-anthropic';
import type { ScriptedBlock, ScriptedReply } from './script';
import { dialectOf } from './dialects';
import { ABOUT, DEMO_NOTE, DENIED, KEY_HELP, NO_TOOLS, TOOL_TOUR } from './tour';

export { DEMO_NOTE } from './tour';

type Block = { type: string; text?: string; is_error?: boolean };
type ApiMessage = { role: string; content: string | Block[] };

/** Where the conversation stands: the person's last prompt, the replies since, how the last tool call went. */
export interface TurnState {
	prompt: string;
	/** Assistant replies since the prompt: the tour step to play next. */
	step: number;
	/** True when the last message is a tool result reporting an error (a denial, a failed call). */
	lastCallFailed: boolean;
}

const blocksOf = (m: ApiMessage): Block[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);
/** What the person typed: Claude Code adds `<system-reminder>` text blocks of its own. */
const typed = (m: ApiMessage) => blocksOf(m).flatMap((b) => (b.type === 'text' && !b.text?.startsWith('<system-reminder>') ? [b.text ?? ''] : []));
const isPrompt = (m: ApiMessage) => m.role === 'user' && typed(m).some((text) => text.trim() !== '');

export function turnState(all: readonly ApiMessage[]): TurnState {
	const messages = all.filter((m) => m.role !== 'system');
	const at = messages.findLastIndex(isPrompt);
	const prompt = at < 0 ? '' : typed(messages[at]).join(' ').trim();
	const since = messages.slice(at + 1);
	const last = messages.at(-1);
	return {
		prompt,
		step: since.filter((m) => m.role === 'assistant').length,
		lastCallFailed: !!last && last.role === 'user' && blocksOf(last).some((b) => b.type === 'tool_result' && b.is_error === true)
	};
}

const WANTS_TOUR = /\b(show|try|tour|demo|create|write|file|edit|run|build|make|fix|change|code)\b/i;
const ASKS = /\b(key|api|claude|connect|set ?up|configure|what is|who|help|about)\b|\?\s*$/i;
const ASKS_KEY = /\b(key|api|claude|model|real|set ?up|configure|connect)\b/i;

/** A question about the app or the key, rather than a task: answered in Markdown, without tools. */
export function isQuestion(prompt: string): boolean {
	return !WANTS_TOUR.test(prompt) && ASKS.test(prompt);
}

function answerTo(prompt: string): string[] {
	return ASKS_KEY.test(prompt) ? [KEY_HELP, ABOUT] : [ABOUT, KEY_HELP];
}

/** The content of the demo's reply to one request. */
export function demoReply(body: unknown): ScriptedBlock[] {
	const request = (body ?? {}) as { messages?: ApiMessage[] };
	const state = turnState(request.messages ?? []);
	const text = (...parts: string[]): ScriptedBlock[] => [{ type: 'text', text: [DEMO_NOTE, ...parts].join('\n\n') }];
	if (state.step === 0 && isQuestion(state.prompt)) return text(...answerTo(state.prompt));
	if (state.lastCallFailed) return text(DENIED);
	const dialect = dialectOf(body);
	const steps = TOOL_TOUR.filter((s) => !s.act || dialect.offers(s.act));
	if (!steps.some((s) => s.act)) return text(NO_TOOLS, ABOUT, KEY_HELP);
	const step = steps[Math.min(state.step, steps.length - 1)];
	return [...text(step.say), ...(step.act ? [dialect.toolUse(step.act)] : [])];
}

export interface DemoOptions {
	/** Pause between deltas, so the reply streams visibly (default 25 ms). */
	delayMs?: number;
	chunkChars?: number;
}

export function demoResponder(options: DemoOptions = {}): (request: RecordedRequest) => ScriptedReply {
	return (request) => ({
		type: 'message',
		content: demoReply(request.body),
		chunkChars: options.chunkChars ?? 6,
		delayMs: options.delayMs ?? 25
	});
}
