import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb, type MessageRow, type RunnerDb } from '$lib/db/schema';
import { changeResults } from './changes-query';

let db: RunnerDb;
afterEach(() => db?.close());

const row = (sessionId: string, seq: number, kind: MessageRow['kind'], meta: MessageRow['meta'] = {}): MessageRow => ({
	id: newId(),
	sessionId,
	seq,
	kind,
	text: '',
	state: 'done',
	createdAt: seq,
	updatedAt: seq,
	meta
});

it('finds every tool result of the session that changed files or ran a command, and every rewind, in order', async () => {
	db = openDb(`t-${newId()}`);
	const change = { path: 'a.txt', before: null, after: 'a\n', patch: '' };
	await db.messages.bulkPut([
		row('s1', 0, 'user'),
		row('s1', 1, 'tool_call', { toolName: 'write' }),
		row('s1', 2, 'tool_result', { toolName: 'write', changes: [change] }),
		row('s1', 3, 'tool_result', { toolName: 'read' }),
		row('s1', 4, 'tool_result', { toolName: 'edit', changes: [{ ...change, before: 'a\n' }] }),
		row('s1', 5, 'tool_result', { toolName: 'bash' }),
		row('s1', 6, 'system', { compaction: true }),
		row('s1', 7, 'system', { rewind: { id: 'r1', promptId: 'p1', files: ['a.txt'] } }),
		row('s2', 0, 'tool_result', { toolName: 'write', changes: [change] })
	]);
	expect((await changeResults(db, 's1')).map((m) => [m.seq, m.meta.toolName])).toEqual([
		[2, 'write'],
		[4, 'edit'],
		[5, 'bash'],
		[7, undefined]
	]);
});
