import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openSqliteStore, SQLITE_FILE } from './sqlite';
import { storeContract } from './contract.test-suite';

storeContract('sqlite', async () => openSqliteStore(':memory:'));

describe('sqlite store file', () => {
	it('keeps updates and tokens across reopening the same DATA_DIR', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sr-sqlite-'));
		const first = openSqliteStore(dir);
		await first.appendUpdates('alpha', 'index', [new Uint8Array([0, 0])]);
		await first.setPending('alpha', 'session/x', true);
		await first.close();
		const second = openSqliteStore(dir);
		expect(await second.loadUpdates('alpha', 'index')).toEqual([new Uint8Array([0, 0])]);
		expect(await second.listPending()).toEqual([{ tenant: 'alpha', doc: 'session/x' }]);
		await second.close();
	});

	it('checkpoints the WAL on its worker thread: the database file gets the rows, and nothing is lost', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sr-sqlite-'));
		const failures: string[] = [];
		const store = openSqliteStore(dir, { checkpoints: { everyMs: 20, onFailure: (m) => failures.push(m) } });
		const file = join(dir, SQLITE_FILE);
		const before = statSync(file).size;
		const update = new Uint8Array(64 * 1024).fill(7);
		for (let i = 0; i < 32; i++) await store.appendUpdates('alpha', 'session/big', [update]);
		await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 32 * update.byteLength), { timeout: 10_000 });
		await store.close();
		// 2 MiB is under SQLite's own checkpoint threshold (1,000 pages): only the worker can have copied it.
		const reopened = new Database(file, { readonly: true });
		expect(reopened.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()).toEqual({ n: 32 });
		reopened.close();
		expect(failures).toEqual([]);
	});

	it('once a quiet spell ended the checkpoint worker, the next writes start one again and reach the database file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sr-sqlite-'));
		const failures: string[] = [];
		const store = openSqliteStore(dir, { checkpoints: { everyMs: 10, quietMs: 0, onFailure: (m) => failures.push(m) } });
		const file = join(dir, SQLITE_FILE);
		const update = new Uint8Array(64 * 1024).fill(7);
		const grows = async () => {
			const before = statSync(file).size;
			for (let i = 0; i < 16; i++) await store.appendUpdates('alpha', 'session/big', [update]);
			await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 16 * update.byteLength), { timeout: 10_000 });
		};
		// No quiet spell at all: a worker ends at the checkpoint that copied the first writes, so only a new one can copy the next.
		await grows();
		await grows();
		await store.close();
		expect(failures).toEqual([]);
	});
});
