// A session as Markdown for people: prompts, replies, tool calls with their input, results with their diffs.
// Model output goes in as written (it is Markdown already); code fences are made longer than any run of
// backticks inside, so a reply cannot close them early.
import type { Message, Session } from '../model';

function fence(body: string, lang = ''): string {
	const longest = Math.max(2, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
	const ticks = '`'.repeat(longest + 1);
	return `${ticks}${lang}\n${body}${body.endsWith('\n') ? '' : '\n'}${ticks}`;
}

const stamp = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function toolInput(input: unknown): string {
	if (input === undefined) return '';
	return '\n\n' + fence(JSON.stringify(input, null, 2), 'json');
}

function messageBlock(m: Message): string {
	switch (m.kind) {
		case 'user':
			return `## Prompt · ${stamp(m.createdAt)}\n\n${m.text}`;
		case 'assistant':
			return `### Claude${m.state === 'interrupted' ? ' (cut off)' : ''}\n\n${m.text}`;
		case 'tool_call':
			return `#### Tool call: ${m.meta.toolName ?? 'tool'}${toolInput(m.meta.toolInput)}`;
		case 'tool_result': {
			const diffs = (m.meta.changes ?? []).map((c) => `Changed \`${c.path}\`:\n\n${fence(c.patch, 'diff')}`);
			const head = `#### Tool result${m.meta.isError ? ' (error)' : ''}`;
			return [head, m.text ? fence(m.text) : '', ...diffs].filter(Boolean).join('\n\n');
		}
		case 'error':
			return `> **Error:** ${m.text.replace(/\n/g, '\n> ')}`;
		case 'system':
			return `*${m.text}*`;
	}
}

export function sessionMarkdown(session: Session, messages: Message[]): string {
	const head = [
		`# ${session.title}`,
		'',
		`- Created: ${stamp(session.createdAt)}`,
		`- Model: ${session.model}`,
		...(session.workspace ? [`- Folder: \`${session.workspace}\``] : []),
		`- Status: ${session.status}`
	].join('\n');
	return [head, ...messages.map(messageBlock)].join('\n\n') + '\n';
}
