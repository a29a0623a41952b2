import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb, type RunnerDb } from '$lib/db/schema';
import { cacheContent, cachedContent, cachedListing, cacheListing } from './cache';

let db: RunnerDb;
afterEach(() => db?.close());

it('keeps the last listing and content per session and path', async () => {
	db = openDb(`t-${newId()}`);
	const entry = { name: 'a.txt', path: 'a.txt', type: 'file' as const, size: 2, mtime: 1 };
	await cacheListing(db, 's1', { path: '.', entries: [entry], truncated: false }, 10);
	await cacheListing(db, 's2', { path: '.', entries: [], truncated: false }, 11);
	await cacheContent(db, 's1', { path: 'a.txt', text: 'hi', size: 2, version: 'v1' }, 12);
	await cacheContent(db, 's1', { path: 'a.txt', text: 'hi!', size: 3, version: 'v2' }, 13);
	await cacheContent(db, 's1', { path: 'logo.png', binary: true, size: 9, version: 'v9' }, 14);

	expect(await cachedListing(db, 's1', '.')).toMatchObject({ entries: [entry], fetchedAt: 10 });
	expect(await cachedContent(db, 's1', 'a.txt')).toMatchObject({ text: 'hi!', version: 'v2', fetchedAt: 13 });
	expect(await cachedContent(db, 's1', 'logo.png')).toMatchObject({ text: null });
	expect(await cachedContent(db, 's2', 'a.txt')).toBeUndefined();
});
