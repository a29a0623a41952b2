// What a person sees: the first start prints a one-time sign-in link; later starts print the plain
// address; `npm run token` mints a token that the running server accepts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server-process';

const run = promisify(execFile);
let servers: ServerProcess[] = [];
afterEach(async () => {
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	servers = [];
});

const redeem = (origin: string, token: string) =>
	fetch(`${origin}/api/auth/redeem`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });

describe('first start', () => {
	it('prints a one-time sign-in link until a device has signed in', async () => {
		const dataDir = tempDataDir();
		const first = await spawnServer({ dataDir });
		servers.push(first);
		expect(first.signInLink).toMatch(new RegExp(`^${first.origin}/signin#token=[A-Za-z0-9_-]{43}$`));
		const code = new URL(first.signInLink!).hash.slice('#token='.length);

		const res = await redeem(first.origin, code);
		expect(res.status).toBe(200);
		const { token, tenant } = (await res.json()) as { token: string; tenant: string };
		expect(tenant).toBe('default');
		expect((await redeem(first.origin, code)).status).toBe(401);
		expect((await fetch(`${first.origin}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

		expect(await first.kill('SIGTERM')).toBe(0);
		const second = await spawnServer({ dataDir });
		servers.push(second);
		expect(second.signInLink).toBeNull();
		expect(second.output()).toContain(`Open ${second.origin}\n`);
	});

	it('a restart replaces the first-start link: the one printed before stops working', async () => {
		const dataDir = tempDataDir();
		const first = await spawnServer({ dataDir });
		servers.push(first);
		const oldCode = new URL(first.signInLink!).hash.slice('#token='.length);
		await first.kill('SIGTERM');
		const second = await spawnServer({ dataDir });
		servers.push(second);
		expect((await redeem(second.origin, oldCode)).status).toBe(401);
		expect((await redeem(second.origin, new URL(second.signInLink!).hash.slice('#token='.length))).status).toBe(200);
	});

	it('mints a working token from the command line while the server runs, linked to the address that server uses', async () => {
		const dataDir = tempDataDir();
		const server = await spawnServer({ dataDir });
		servers.push(server);
		// This shell has no PORT: the link still names the running server's port, not the default one.
		const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
		for (const name of ['PORT', 'HOST', 'PUBLIC_URL']) delete env[name];
		const { stdout } = await run(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/token.ts', 'team-a', 'ci'], { cwd: ROOT, env });
		const token = /^token:\s+(\S+)$/m.exec(stdout)?.[1];
		expect(stdout).toMatch(new RegExp(`^sign in: http://127\\.0\\.0\\.1:${server.port}/signin#token=${token}$`, 'm'));
		expect(stdout).not.toContain('no server is running');
		const me = await fetch(`${server.origin}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
		expect(await me.json()).toMatchObject({ tenant: 'team-a', device: { label: 'ci' } });
	});

	it('mints a token with no server running and says so', async () => {
		const dataDir = tempDataDir();
		const { stdout } = await run(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/token.ts', 'team-a'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
		expect(stdout).toMatch(/^token:\s+\S+$/m);
		expect(stdout).toContain(`no server is running on DATA_DIR ${dataDir}`);
	});

	it('refuses a tenant name that is not an id', async () => {
		await expect(
			run(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/token.ts', '../evil'], { cwd: ROOT, env: { ...process.env, DATA_DIR: tempDataDir() } })
		).rejects.toMatchObject({ code: 2 });
	});
});
