import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { readDraft, writeDraft } from './drafts';
import { openDb, type RunnerDb } from './schema';

let db: RunnerDb;
afterEach(() => db?.close());

it('keeps one draft per session and forgets an emptied one', async () => {
	db = openDb(`t-${newId()}`);
	await writeDraft(db, 'a', 'half a thought');
	await writeDraft(db, 'b', 'another');
	expect(await readDraft(db, 'a')).toBe('half a thought');
	expect(await readDraft(db, 'b')).toBe('another');
	await writeDraft(db, 'a', '');
	expect(await readDraft(db, 'a')).toBe('');
	expect(await db.drafts.count()).toBe(1);
});
