import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb, type RunnerDb } from './schema';
import { readScreen, writeScreen } from './screen';

let db: RunnerDb;
afterEach(() => db?.close());

it('restores the open tabs, their order and the active one after the database is reopened', async () => {
	const name = `t-${newId()}`;
	db = openDb(name);
	expect(await readScreen(db)).toEqual({ openIds: [], activeId: null, sessionsPanel: false });
	await writeScreen(db, { openIds: ['c', 'a', 'b'], activeId: 'a', sessionsPanel: true });
	db.close();
	db = openDb(name);
	expect(await readScreen(db)).toEqual({ openIds: ['c', 'a', 'b'], activeId: 'a', sessionsPanel: true });
});
