import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newId } from '$lib/core/ids';
import { appendMessage, appendText, patchMessage } from '$lib/core/ydoc';
import { openDb, type RunnerDb } from '$lib/db/schema';
import { latestMessages } from '$lib/db/messages';
import { mirrorSession, STREAMING_TEXT_DELAY_MS } from './mirror-session';

let db: RunnerDb;
afterEach(() => {
	vi.useRealTimers();
	db?.close();
});

const SESSION = 'sess-1';
const NAME = `session/${SESSION}`;
const add = (doc: Y.Doc, text: string, createdAt = 1) =>
	appendMessage(doc, { id: newId(), kind: 'user', text, state: 'queued', createdAt, meta: {} });
const rows = async () => (await latestMessages(db, SESSION, 1000)).map((m) => [m.seq, m.text]);

/** Counts Dexie write requests on the messages table (middleware applies from the first open: call before any use). */
function countWrites(target: RunnerDb) {
	const counter = { writes: 0 };
	target.use({
		stack: 'dbcore',
		name: 'count-writes',
		create: (down) => ({
			...down,
			table(name) {
				const table = down.table(name);
				return name !== 'messages' ? table : { ...table, mutate: (req) => (counter.writes++, table.mutate(req)) };
			}
		})
	});
	return counter;
}

describe('session mirror', () => {
	it("writes a long session's newest page first, on its own, then older rows in chunks, and its state last", async () => {
		db = openDb(`t-${newId()}`);
		const puts: number[][] = [];
		db.use({
			stack: 'dbcore',
			name: 'record-puts',
			create: (down) => ({
				...down,
				table(name) {
					const table = down.table(name);
					if (name !== 'messages') return table;
					return { ...table, mutate: (req) => (req.type === 'put' && puts.push(req.values.map((v) => (v as { seq: number }).seq)), table.mutate(req)) };
				}
			})
		});
		const doc = new Y.Doc();
		doc.transact(() => Array.from({ length: 2500 }, (_, i) => add(doc, `m${i}`)));
		const mirror = mirrorSession(db, NAME, SESSION, doc, 1);
		await mirror.settled();
		const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
		expect(puts).toEqual([range(2400, 2500), range(1400, 2400), range(400, 1400), range(0, 400)]);
		expect((await latestMessages(db, SESSION, 3000)).map((m) => [m.seq, m.text])).toEqual(range(0, 2500).map((i) => [i, `m${i}`]));
		expect(await db.mirror.get(NAME)).toEqual({ name: NAME, stateVector: Y.encodeStateVector(doc) });
		mirror.stop();
	});

	it('writes every message with its position, and appends later ones', async () => {
		db = openDb(`t-${newId()}`);
		const doc = new Y.Doc();
		add(doc, 'one');
		add(doc, 'two');
		const mirror = mirrorSession(db, NAME, SESSION, doc, 1);
		await mirror.settled();
		add(doc, 'three');
		await mirror.settled();
		expect(await rows()).toEqual([
			[0, 'one'],
			[1, 'two'],
			[2, 'three']
		]);
		mirror.stop();
	});

	it('re-numbers from the first changed position when a merge inserts before existing messages', async () => {
		db = openDb(`t-${newId()}`);
		const local = new Y.Doc();
		const remote = new Y.Doc();
		// Concurrent inserts at one position are ordered by client id: these ids put the remote one first.
		local.clientID = 2;
		remote.clientID = 1;
		add(remote, 'remote first');
		Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
		const mirror = mirrorSession(db, NAME, SESSION, local, 1);
		add(local, 'local');
		add(remote, 'remote second');
		await mirror.settled();
		Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
		await mirror.settled();
		expect(await rows()).toEqual([
			[0, 'remote first'],
			[1, 'remote second'],
			[2, 'local']
		]);
		mirror.stop();
	});

	it('coalesces a burst of streamed deltas into one write and ends with the full text', async () => {
		db = openDb(`t-${newId()}`);
		const counter = countWrites(db);
		const doc = new Y.Doc();
		const reply = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 1, meta: {} });
		const mirror = mirrorSession(db, NAME, SESSION, doc, 20);
		await mirror.settled();
		counter.writes = 0;
		for (let i = 0; i < 200; i++) appendText(reply, `${i} `);
		patchMessage(reply, { state: 'done', meta: { model: 'm', usage: { inputTokens: 3, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0 } } }, 9);
		await mirror.settled();
		const [row] = await latestMessages(db, SESSION, 1);
		expect(row.text.split(' ')).toHaveLength(201);
		expect(row.state).toBe('done');
		expect(row.meta.usage?.outputTokens).toBe(200);
		expect(row.seq).toBe(0);
		expect(counter.writes).toBeLessThanOrEqual(2);
		mirror.stop();
	});

	it('writes a streaming reply’s text at the slower pace, and its end, or a new message, at once with that text', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		db = openDb(`t-${newId()}`);
		const counter = countWrites(db);
		const doc = new Y.Doc();
		const reply = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 1, meta: {} });
		const mirror = mirrorSession(db, NAME, SESSION, doc, 1);
		await mirror.settled();
		const text = async () => (await latestMessages(db, SESSION, 10)).map((m) => m.text);

		counter.writes = 0;
		for (const delta of ['He', 'l', 'l', 'o']) {
			appendText(reply, delta);
			await vi.advanceTimersByTimeAsync(10);
		}
		await vi.advanceTimersByTimeAsync(STREAMING_TEXT_DELAY_MS);
		await mirror.settled();
		expect(await text()).toEqual(['Hello']);
		expect(counter.writes).toBe(1);

		appendText(reply, ', world');
		add(doc, 'next prompt');
		await vi.advanceTimersByTimeAsync(1);
		await mirror.settled();
		expect(await text()).toEqual(['Hello, world', 'next prompt']);

		appendText(reply, '!');
		patchMessage(reply, { state: 'done' }, 9);
		await vi.advanceTimersByTimeAsync(1);
		await mirror.settled();
		expect(await text()).toEqual(['Hello, world!', 'next prompt']);
		mirror.stop();
	});

	it('skips rewriting rows when the doc has not changed since they were written', async () => {
		db = openDb(`t-${newId()}`);
		const counter = countWrites(db);
		const doc = new Y.Doc();
		for (let i = 0; i < 50; i++) add(doc, `m${i}`);
		const first = mirrorSession(db, NAME, SESSION, doc, 1);
		await first.settled();
		first.stop();
		counter.writes = 0;
		const second = mirrorSession(db, NAME, SESSION, doc, 1);
		await second.settled();
		expect(counter.writes).toBe(0);
		second.stop();
		add(doc, 'while closed');
		const third = mirrorSession(db, NAME, SESSION, doc, 1);
		await third.settled();
		expect((await rows()).at(-1)).toEqual([50, 'while closed']);
		third.stop();
	});
});
