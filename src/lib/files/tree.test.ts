import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb, type RunnerDb } from '$lib/db/schema';
import type { ApiResult, Entry, FilesApi, Listing } from './api';
import { FileTree } from './tree.svelte';

let db: RunnerDb;
afterEach(() => db?.close());

const file = (path: string): Entry => ({ name: path.split('/').at(-1)!, path, type: 'file', size: 1, mtime: 0 });
const dir = (path: string): Entry => ({ ...file(path), type: 'dir', size: 0 });

/** A server whose folders the test changes, and that can be unreachable. */
function fakeServer(initial: Record<string, Entry[]>) {
	const state = { folders: initial, offline: false };
	const api: FilesApi = {
		async list(_id, path): Promise<ApiResult<Listing>> {
			if (state.offline) return { ok: false, reason: 'offline', message: 'The server cannot be reached.' };
			const entries = state.folders[path];
			if (!entries) return { ok: false, reason: 'not-found', message: `${path} does not exist.`, status: 404 };
			return { ok: true, value: { path, entries, truncated: false } };
		},
		read: async () => ({ ok: false, reason: 'offline', message: '' }),
		save: async () => ({ ok: false, reason: 'offline', message: '' })
	};
	return { state, api };
}

const paths = (tree: FileTree) => tree.rows.map((r) => r.entry.path);

describe('file tree', () => {
	it('loads folders as they are opened, and refreshes open ones', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer({ '.': [dir('src'), file('a.txt')], src: [file('src/main.ts')] });
		const tree = new FileTree(server.api, db, 's1');
		await tree.load('.');
		expect(paths(tree)).toEqual(['src', 'a.txt']);
		await tree.expand('src');
		expect(paths(tree)).toEqual(['src', 'src/main.ts', 'a.txt']);
		server.state.folders.src = [file('src/main.ts'), file('src/new.ts')];
		await tree.refresh();
		expect(paths(tree)).toEqual(['src', 'src/main.ts', 'src/new.ts', 'a.txt']);
		tree.collapse('src');
		expect(paths(tree)).toEqual(['src', 'a.txt']);
	});

	it('shows the device’s copy offline, marked stale, with the reason', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer({ '.': [dir('src')], src: [file('src/main.ts')] });
		const online = new FileTree(server.api, db, 's1');
		await online.load('.');
		await online.expand('src');

		server.state.offline = true;
		const later = new FileTree(server.api, db, 's1');
		await later.load('.');
		await later.expand('src');
		expect(paths(later)).toEqual(['src', 'src/main.ts']);
		expect(later.stale).toBe(true);
		expect(later.problem?.reason).toBe('offline');

		server.state.offline = false;
		await later.refresh();
		expect(later.stale).toBe(false);
		expect(later.problem).toBeNull();
	});

	it('closes a folder that no longer exists', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer({ '.': [dir('gone')], gone: [file('gone/x')] });
		const tree = new FileTree(server.api, db, 's1');
		await tree.load('.');
		await tree.expand('gone');
		server.state.folders = { '.': [] };
		await tree.refresh();
		expect(paths(tree)).toEqual([]);
		expect(tree.expanded.has('gone')).toBe(false);
	});
});
