import { describe, expect, it } from 'vitest';
import type { Message, Session } from '../model';
import { sessionMarkdown } from './markdown';

const session: Session = { id: 's', title: 'Fix the parser', createdAt: 0, updatedAt: 0, status: 'active', model: 'claude-sonnet-5-5' };
const msg = (kind: Message['kind'], text: string, meta: Message['meta'] = {}): Message => ({
	id: `${kind}-${text.length}`,
	sessionId: 's',
	kind,
	text,
	state: 'done',
	createdAt: 0,
	updatedAt: 0,
	meta
});

describe('Markdown export', () => {
	const md = sessionMarkdown(session, [
		msg('user', 'Rename foo'),
		msg('assistant', 'Here is the plan:\n```ts\nfoo()\n```'),
		msg('tool_call', '', { toolName: 'edit', toolInput: { path: 'a.ts' } }),
		msg('tool_result', 'ok', { changes: [{ path: 'a.ts', before: 'foo', after: 'bar', patch: '-foo\n+bar\n' }] }),
		msg('error', 'Overloaded\nTry later')
	]);

	it('reads as a conversation: title, prompt, reply, tool call with its input, the diff', () => {
		expect(md).toMatch(/^# Fix the parser\n/);
		expect(md).toContain('## Prompt · 1970-01-01 00:00 UTC\n\nRename foo');
		expect(md).toContain('### Claude\n\nHere is the plan:');
		expect(md).toContain('#### Tool call: edit\n\n```json\n{\n  "path": "a.ts"\n}\n```');
		expect(md).toContain('Changed `a.ts`:\n\n```diff\n-foo\n+bar\n```');
		expect(md).toContain('> **Error:** Overloaded\n> Try later');
	});

	it('fences text longer than any backtick run inside it, so output cannot break out', () => {
		const tricky = sessionMarkdown(session, [msg('tool_result', 'a ```` b')]);
		expect(tricky).toContain('`````\na ```` b\n`````');
	});
});
