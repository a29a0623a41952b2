import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import type { MessageKind } from '$lib/core/model';
import { countMessages, latestMessages, messagesFrom, promptBack } from './messages';
import { openDb, type MessageRow, type RunnerDb } from './schema';

let db: RunnerDb;
afterEach(() => db?.close());

const row = (sessionId: string, seq: number, kind: MessageKind = 'assistant'): MessageRow => ({
	id: newId(),
	sessionId,
	seq,
	kind,
	text: `${kind} ${seq}`,
	state: 'done',
	createdAt: seq,
	updatedAt: seq,
	meta: {}
});

describe('message paging', () => {
	it('pages one session newest-first without mixing in another session', async () => {
		db = openDb(`t-${newId()}`);
		const [a, b] = ['a', 'b'];
		await db.messages.bulkPut([...Array.from({ length: 50 }, (_, i) => row(a, i)), row(b, 0), row(b, 1)]);
		const latest = await latestMessages(db, a, 10);
		expect(latest.map((m) => m.seq)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
		expect((await messagesFrom(db, a, 45)).map((m) => m.seq)).toEqual([45, 46, 47, 48, 49]);
		expect(await countMessages(db, b)).toBe(2);
	});

	it('pages the newest messages past places the mirror left empty', async () => {
		db = openDb(`t-${newId()}`);
		await db.messages.bulkPut(Array.from({ length: 50 }, (_, i) => row('a', i)).filter((r) => r.seq !== 45));
		expect((await latestMessages(db, 'a', 10)).map((m) => m.seq)).toEqual([39, 40, 41, 42, 43, 44, 46, 47, 48, 49]);
		expect((await latestMessages(db, 'a', 100)).length).toBe(49);
		expect(await latestMessages(db, 'none', 10)).toEqual([]);
	});

	it('walks back through the prompts of one session only', async () => {
		db = openDb(`t-${newId()}`);
		await db.messages.bulkPut([row('a', 0, 'user'), row('a', 1), row('a', 2, 'user'), row('b', 0, 'user')]);
		expect(await promptBack(db, 'a', 0)).toBe('user 2');
		expect(await promptBack(db, 'a', 1)).toBe('user 0');
		expect(await promptBack(db, 'a', 2)).toBeUndefined();
	});
});
