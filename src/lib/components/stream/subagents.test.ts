import { describe, expect, it } from 'vitest';
import type { Message, MessageKind } from '$lib/core/model';
import { groupSubagents } from './subagents';

let n = 0;
function msg(kind: MessageKind, meta: Message['meta'] = {}): Message {
	n++;
	const id = `01JD${String(n).padStart(22, '0')}`;
	return { id, sessionId: '01JD0000000000000000000000', kind, text: `m${n}`, state: 'done', createdAt: n, updatedAt: n, meta };
}

const shape = (rows: Message[]) => groupSubagents(rows).map((e) => [e.row.id, e.children.map((c) => c.id)]);

describe('groupSubagents', () => {
	it('puts a subagent’s messages under its Task call, in order, and leaves the rest in the stream', () => {
		const prompt = msg('user');
		const task = msg('tool_call', { toolName: 'Task', toolUseId: 'toolu_task' });
		const inner1 = msg('assistant', { parentToolUseId: 'toolu_task' });
		const innerCall = msg('tool_call', { toolName: 'Read', toolUseId: 'toolu_read', parentToolUseId: 'toolu_task' });
		const result = msg('tool_result', { toolUseId: 'toolu_task' });
		const reply = msg('assistant');
		expect(shape([prompt, task, inner1, innerCall, result, reply])).toEqual([
			[prompt.id, []],
			[task.id, [inner1.id, innerCall.id]],
			[result.id, []],
			[reply.id, []]
		]);
	});

	it('folds a nested subagent into the outermost call', () => {
		const outer = msg('tool_call', { toolName: 'Task', toolUseId: 'a' });
		const inner = msg('tool_call', { toolName: 'Task', toolUseId: 'b', parentToolUseId: 'a' });
		const deep = msg('assistant', { parentToolUseId: 'b' });
		expect(shape([outer, inner, deep])).toEqual([[outer.id, [inner.id, deep.id]]]);
	});

	it('keeps subagent messages whose call is not loaded in the stream', () => {
		const orphan = msg('assistant', { parentToolUseId: 'not-loaded' });
		const other = msg('user');
		expect(shape([orphan, other])).toEqual([
			[orphan.id, []],
			[other.id, []]
		]);
	});

	it('survives a cycle of parents without looping', () => {
		const a = msg('tool_call', { toolUseId: 'a', parentToolUseId: 'b' });
		const b = msg('tool_call', { toolUseId: 'b', parentToolUseId: 'a' });
		expect(groupSubagents([a, b]).flatMap((e) => [e.row, ...e.children])).toHaveLength(2);
	});
});
