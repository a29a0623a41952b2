import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '$lib/core/ids';
import { putSession, removeSession, sessionsMap, updateSession } from '$lib/core/ydoc';
import { allSessions } from '$lib/db/sessions';
import { openDb, type RunnerDb } from '$lib/db/schema';
import { mirrorIndex } from './mirror-index';

let db: RunnerDb;
afterEach(() => db?.close());

const session = (title: string, at: number) => ({
	id: newId(),
	title,
	createdAt: at,
	updatedAt: at,
	status: 'active' as const,
	model: 'm'
});

it('mirrors added, changed and removed sessions, newest change first', async () => {
	db = openDb(`t-${newId()}`);
	const doc = new Y.Doc();
	const [a, b, c] = [session('a', 1), session('b', 2), session('c', 3)];
	for (const s of [a, b, c]) putSession(doc, s);
	const mirror = mirrorIndex(db, doc, 1);
	await mirror.settled();
	expect((await allSessions(db)).map((s) => s.title)).toEqual(['c', 'b', 'a']);
	updateSession(doc, a.id, { status: 'ended' }, 10);
	removeSession(doc, b.id);
	await mirror.settled();
	const after = await allSessions(db);
	expect(after.map((s) => [s.title, s.status])).toEqual([
		['a', 'ended'],
		['c', 'active']
	]);
	mirror.stop();
});

it('leaves out an entry it cannot read, keeps every good session, and says how many it left out', async () => {
	db = openDb(`t-${newId()}`);
	const doc = new Y.Doc();
	const good = session('good', 1);
	putSession(doc, good);
	const bad = new Y.Map<unknown>();
	bad.set('id', newId());
	bad.set('title', 42);
	sessionsMap(doc).set('from-a-newer-version', bad);
	const counts: number[] = [];
	const mirror = mirrorIndex(db, doc, 1, (count) => counts.push(count));
	await mirror.settled();
	expect((await allSessions(db)).map((s) => s.title)).toEqual(['good']);
	expect(counts.at(-1)).toBe(1);
	sessionsMap(doc).delete('from-a-newer-version');
	await mirror.settled();
	expect(counts.at(-1)).toBe(0);
	mirror.stop();
});

it('starts without rewriting rows mirrored from the state the doc loads with, and mirrors a doc that changed meanwhile', async () => {
	db = openDb(`t-${newId()}`);
	const doc = new Y.Doc();
	const good = session('good', 1);
	putSession(doc, good);
	const bad = new Y.Map<unknown>();
	bad.set('title', 42);
	sessionsMap(doc).set('from-a-newer-version', bad);
	let mirror = mirrorIndex(db, doc, 1);
	await mirror.settled();
	mirror.stop();
	// A row changed behind the mirror's back shows whether a start rewrites the rows.
	await db.sessions.update(good.id, { title: 'as stored' });
	const counts: number[] = [];
	mirror = mirrorIndex(db, doc, 1, (count) => counts.push(count));
	await mirror.settled();
	mirror.stop();
	expect((await allSessions(db)).map((s) => s.title)).toEqual(['as stored']);
	expect(counts).toEqual([1]);

	updateSession(doc, good.id, { title: 'renamed elsewhere' }, 5);
	mirror = mirrorIndex(db, doc, 1);
	await mirror.settled();
	mirror.stop();
	expect((await allSessions(db)).map((s) => s.title)).toEqual(['renamed elsewhere']);
});

it('reads every entry again after an app update, though the doc did not change', async () => {
	db = openDb(`t-${newId()}`);
	const doc = new Y.Doc();
	const good = session('good', 1);
	putSession(doc, good);
	const mirror = mirrorIndex(db, doc, 1);
	await mirror.settled();
	mirror.stop();
	// As an older build left it: a row it wrote, and its version on the mirror row.
	await db.sessions.update(good.id, { title: 'as the old build stored it' });
	await db.mirror.update('index', { appVersion: 'an-older-build' });
	const again = mirrorIndex(db, doc, 1);
	await again.settled();
	again.stop();
	expect((await allSessions(db)).map((s) => s.title)).toEqual(['good']);
});
