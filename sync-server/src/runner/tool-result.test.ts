import { describe, expect, it } from 'vitest';
import { MAX_CHANGE_TEXT_CHARS } from '../../../src/lib/core/changes';
import { MessageSchema } from '../../../src/lib/core/model';
import { capOutput, MAX_TOOL_OUTPUT_CHARS, toolResultMessage } from './tool-result';

const call = { id: 'toolu_1', name: 'read', input: { path: 'a' } };

describe('tool results as stored', () => {
	it('keeps output up to the cap whole, and cuts longer output saying how much is missing', () => {
		const exact = 'a'.repeat(MAX_TOOL_OUTPUT_CHARS);
		expect(capOutput(exact)).toBe(exact);
		const long = `HEAD${'b'.repeat(MAX_TOOL_OUTPUT_CHARS * 3)}`;
		const cut = capOutput(long);
		expect(cut.length).toBeLessThanOrEqual(MAX_TOOL_OUTPUT_CHARS);
		expect(cut.startsWith('HEAD')).toBe(true);
		const missing = Number(/\[(\d+) more characters/.exec(cut)?.[1]);
		expect(cut.indexOf('\n[') + missing).toBe(long.length);
		expect(cut).toContain(`at most ${MAX_TOOL_OUTPUT_CHARS} characters`);
	});

	it('records the call’s changes, capped, on a valid tool_result message', () => {
		const big = 'z'.repeat(MAX_CHANGE_TEXT_CHARS + 10);
		const message = toolResultMessage(
			{ ...call, name: 'write' },
			{ content: 'Created big.txt (1 lines).', isError: false, changes: [{ path: 'big.txt', before: null, after: big, patch: '+z' }] },
			{ promptId: 'p1', stopped: false, now: 5 }
		);
		const parsed = MessageSchema.parse({ ...message, sessionId: 's1', updatedAt: 5 });
		expect(parsed).toMatchObject({ kind: 'tool_result', state: 'done', meta: { replyTo: 'p1', toolUseId: 'toolu_1', toolName: 'write', isError: false } });
		expect(parsed.meta.changes).toEqual([{ path: 'big.txt', before: null, after: '', patch: '+z', truncated: ['after'] }]);
	});

	it('a call stopped while running is interrupted, yet what it changed on disk is still recorded', () => {
		const change = { path: 'a', before: 'x', after: 'y', patch: '-x\n+y' };
		const message = toolResultMessage(call, { content: 'Updated a.', isError: false, changes: [change] }, { promptId: 'p1', stopped: true, now: 5 });
		expect(message).toMatchObject({ text: 'Stopped.', state: 'interrupted', meta: { isError: true, changes: [change] } });
	});
});
