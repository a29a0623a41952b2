// One server per DATA_DIR with SQLite: a second start on the same folder refuses with the first one's pid
// and leaves it serving; a folder left by a server killed with SIGKILL is taken over.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { ROOT, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server-process';

let servers: ServerProcess[] = [];
afterEach(async () => {
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	servers = [];
});

async function start(dataDir: string) {
	const s = await spawnServer({ dataDir });
	servers.push(s);
	return s;
}

/** Starts a server that is expected to refuse: its exit code and what it wrote to stderr. */
async function refusedStart(dataDir: string): Promise<{ code: unknown; stderr: string }> {
	const env = { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' };
	try {
		await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sync-server/src/index.ts'], { cwd: ROOT, env, timeout: 30_000 });
		return { code: 0, stderr: '' };
	} catch (err) {
		const failed = err as { code?: unknown; stderr?: string };
		return { code: failed.code, stderr: failed.stderr ?? '' };
	}
}

const healthy = async (s: ServerProcess) => (await fetch(`${s.origin}/health`)).ok;
const lockOwner = (dataDir: string) => readFileSync(join(dataDir, 'server.pid'), 'utf8').trim();

it('refuses a second server on the same DATA_DIR, naming the first; takes the folder over once the first was killed', async () => {
	const dataDir = tempDataDir('data-dir-lock-');
	const first = await start(dataDir);
	const pid = first.child.pid!;

	const second = await refusedStart(dataDir);
	expect(second.code).toBe(1);
	expect(second.stderr).toContain(`Another server (pid ${pid}) is already running on DATA_DIR ${dataDir}`);
	expect(second.stderr).toContain(`kill ${pid}`);
	expect(await healthy(first)).toBe(true);
	expect(lockOwner(dataDir)).toBe(String(pid));

	await first.kill('SIGKILL');
	const third = await start(dataDir);
	expect(await healthy(third)).toBe(true);
	expect(lockOwner(dataDir)).toBe(String(third.child.pid));
	expect(await third.kill('SIGTERM')).toBe(0);
	expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
}, 120_000);
