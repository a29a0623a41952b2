import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite';
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
});
