import { describe, expect, it } from 'vitest';
import type { Message } from '$lib/core/model';
import { conversationOrder, waitingBehind } from './order';

let n = 0;
const msg = (id: string, patch: Partial<Message>): Message => ({
	id,
	sessionId: 'S',
	kind: 'user',
	text: id,
	state: 'done',
	createdAt: ++n,
	updatedAt: n,
	meta: {},
	...patch
});
const prompt = (id: string, state: Message['state']) => msg(id, { kind: 'user', state });
const reply = (id: string, to: string, kind: Message['kind'] = 'assistant') => msg(id, { kind, state: 'done', meta: { replyTo: to } });
const ids = (rows: Message[]) => rows.map((r) => r.id);

describe('conversationOrder', () => {
	it('shows three quick prompts each with its own reply, as the turns ran', () => {
		// As the document holds them: B and C were queued while A's turn ran.
		const written = [prompt('A', 'done'), prompt('B', 'done'), prompt('C', 'running'), reply('a1', 'A'), reply('b1', 'B'), reply('c1', 'C')];
		expect(ids(conversationOrder(written))).toEqual(['A', 'a1', 'B', 'b1', 'C', 'c1']);
	});

	it('puts prompts that have not started below the last reply, in the order sent', () => {
		const written = [prompt('A', 'running'), prompt('B', 'queued'), reply('a1', 'A'), reply('a2', 'A', 'tool_call'), prompt('C', 'queued')];
		expect(ids(conversationOrder(written))).toEqual(['A', 'a1', 'a2', 'B', 'C']);
	});

	it('keeps a reply whose prompt is on an older page where it was written', () => {
		const page = [reply('a2', 'A'), prompt('B', 'done'), reply('b1', 'B')];
		expect(ids(conversationOrder(page))).toEqual(['a2', 'B', 'b1']);
	});

	it('loses and duplicates nothing, whatever the order written', () => {
		const written = [prompt('A', 'done'), reply('x', 'Z'), prompt('B', 'queued'), reply('a1', 'A'), msg('s', { kind: 'system' })];
		const ordered = conversationOrder(written);
		expect([...ids(ordered)].sort()).toEqual([...ids(written)].sort());
	});
});

describe('waitingBehind', () => {
	it('marks queued prompts behind a running turn or an earlier queued prompt', () => {
		expect(waitingBehind([prompt('A', 'running'), prompt('B', 'queued'), prompt('C', 'queued')])).toEqual(new Set(['B', 'C']));
		expect(waitingBehind([prompt('A', 'done'), prompt('B', 'queued'), prompt('C', 'queued')])).toEqual(new Set(['C']));
	});
});
