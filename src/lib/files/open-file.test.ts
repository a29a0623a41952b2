import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb, type RunnerDb } from '$lib/db/schema';
import type { FilesApi } from './api';
import { OpenFile } from './open-file.svelte';

let db: RunnerDb;
afterEach(() => db?.close());

/** One file on a fake server, versioned by a counter, that another writer can change. */
function fakeServer(text: string | null) {
	const state = { text, version: 1, offline: false, saves: 0 };
	const v = () => `v${state.version}`;
	const api: FilesApi = {
		list: async () => ({ ok: false, reason: 'offline', message: '' }),
		async read(_id, path) {
			if (state.offline) return { ok: false, reason: 'offline', message: 'The server cannot be reached.' };
			if (state.text === null) return { ok: false, reason: 'not-found', message: 'gone', status: 404 };
			return { ok: true, value: { path, text: state.text, size: state.text.length, version: v() } };
		},
		async save(_id, path, text, base) {
			if (state.offline) return { ok: false, reason: 'offline', message: 'The server cannot be reached.' };
			if ((state.text === null ? null : v()) !== base) return { ok: false, reason: 'file-changed', message: `${path} changed since you opened it`, status: 409 };
			state.text = text;
			state.version++;
			state.saves++;
			return { ok: true, value: { path, version: v(), size: text.length, created: false } };
		}
	};
	return { state, api, change: (next: string) => ((state.text = next), state.version++) };
}

describe('an open file', () => {
	it('saves edits with the version they were made from', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer('one\n');
		const file = new OpenFile(server.api, db, 's1', 'a.txt');
		await file.load();
		expect(file.text).toBe('one\n');
		file.edit('one\ntwo\n');
		expect(file.dirty).toBe(true);
		expect(await file.save()).toBe(true);
		expect(server.state.text).toBe('one\ntwo\n');
		expect(file.dirty).toBe(false);
		expect(file.version).toBe('v2');
	});

	it('refuses to save over a change made meanwhile, then reloads or overwrites as chosen', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer('base\n');
		const file = new OpenFile(server.api, db, 's1', 'a.txt');
		await file.load();
		file.edit('mine\n');
		server.change('claude\n');
		expect(await file.save()).toBe(false);
		expect(file.conflict).toMatch(/changed since you opened it/);
		expect(server.state.text).toBe('claude\n');
		expect(file.draft).toBe('mine\n');

		expect(await file.overwrite()).toBe(true);
		expect(server.state.text).toBe('mine\n');
		expect(file.conflict).toBeNull();

		server.change('claude again\n');
		file.edit('mine again\n');
		expect(await file.save()).toBe(false);
		await file.load();
		expect(file.text).toBe('claude again\n');
		expect(file.dirty).toBe(false);
		expect(file.conflict).toBeNull();
	});

	it('reads the device’s copy offline, marked stale', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer('kept\n');
		await new OpenFile(server.api, db, 's1', 'a.txt').load();
		server.state.offline = true;
		const offline = new OpenFile(server.api, db, 's1', 'a.txt');
		await offline.load();
		expect(offline.text).toBe('kept\n');
		expect(offline.stale).toBe(true);
		expect(offline.problem?.reason).toBe('offline');
		const never = new OpenFile(server.api, db, 's1', 'b.txt');
		await never.load();
		expect(never.loaded).toBe(false);
	});
});
