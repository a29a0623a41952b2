// Reported: with WORKSPACE_SHELL=1 an approved `tr '\0' '\n' < /proc/$PPID/environ` printed
// ANTHROPIC_API_KEY and every tenant's token into the session. Each command now runs under bubblewrap:
// its own PID namespace and /proc, only the session's folder from the disk besides system folders, and
// nothing of the server's environment, so none of these commands shows a secret or another tenant's data.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';
import { checkSandbox, sandboxed } from '../../sync-server/src/workspace/sandbox';
import { createBashTool } from '../../sync-server/src/workspace/tools/bash';

const KEY = 'sk-ant-hostile-test-key-0123456789';
const TOKEN = 'tenant-b-token-0123456789';
let ws: TestWorkspace;
let dataDir: string;
let session: string;
let other: string;
const bash = createBashTool({ bwrap: '/usr/bin/bwrap' });

beforeAll(async () => {
	ws = await makeWorkspace();
	// DATA_DIR as the server lays it out: the store, and one folder per session of each tenant.
	dataDir = path.join(ws.outside, 'data');
	session = path.join(dataDir, 'workspaces', 'alpha', 's1');
	other = path.join(dataDir, 'workspaces', 'beta', 's2');
	await mkdir(session, { recursive: true });
	await mkdir(other, { recursive: true });
	await writeFile(path.join(dataDir, 'runner.sqlite'), `tokens: ${TOKEN}`);
	await writeFile(path.join(other, 'plan.md'), 'beta tenant private plan');
	await writeFile(path.join(session, 'mine.txt'), 'my own file');
	// The server's own environment holds the secrets, as it would in production.
	process.env.ANTHROPIC_API_KEY = KEY;
	process.env.AUTH_TOKENS = `beta:${TOKEN}`;
});
afterAll(async () => {
	delete process.env.ANTHROPIC_API_KEY;
	delete process.env.AUTH_TOKENS;
	await ws.cleanup();
});

/** Runs `command` with {DATA} and {OTHER} replaced by DATA_DIR and another tenant's session folder. */
const run = async (command: string) => {
	const filled = command.replaceAll('{DATA}', dataDir).replaceAll('{OTHER}', other);
	// The marker proves the command ran in the sandbox: a refusal's text holds no secret either.
	const result = await bash.run({ command: `${filled}; echo RAN-IN-SANDBOX` }, { root: session, signal: new AbortController().signal });
	return result.ok ? result.content : result.message;
};

describe('the shell sandbox', () => {
	it('is available here (bubblewrap can make its namespaces)', async () => {
		expect(await checkSandbox()).toEqual({ ok: true, bwrap: '/usr/bin/bwrap' });
	});

	it.each([
		["tr '\\0' '\\n' < /proc/$PPID/environ", 'the parent’s environment'],
		['env', 'its own environment'],
		['cat /proc/1/environ /proc/*/environ 2>&1 | tr "\\0" "\\n"', 'every visible process'],
		['cat {DATA}/runner.sqlite 2>&1; ls -R {DATA} 2>&1', 'DATA_DIR'],
		['cat {OTHER}/plan.md 2>&1; ls ../../beta 2>&1', 'another tenant’s session folder'],
		['ps -e -o pid,args 2>&1 || ls /proc', 'the process list']
	])('%s shows no secret and nothing of another tenant (%s)', async (command) => {
		const output = await run(command);
		expect(output).toContain('RAN-IN-SANDBOX');
		expect(output).not.toContain(KEY);
		expect(output).not.toContain(TOKEN);
		expect(output).not.toContain('beta tenant private plan');
		expect(output).not.toMatch(/vitest|node /);
	});

	it('still works in the session’s own folder, writable, with system tools', async () => {
		expect(await run('cat mine.txt; echo; echo made > new.txt; cat new.txt; git --version >/dev/null && echo git-ok')).toContain('my own file\nmade\ngit-ok');
	});

	it('cannot write outside its folder', async () => {
		expect(await run('touch /usr/evil 2>&1; touch /tmp/x && echo tmp-private; echo x > ../escape.txt 2>&1')).toMatch(/Read-only|No such file|Permission denied/);
	});

	it('names only the session folder as a writable bind', () => {
		const { args } = sandboxed('/usr/bin/bwrap', '/bin/bash', 'true', session);
		expect(args.filter((arg, i) => args[i - 1] === '--bind')).toEqual([session]);
		expect(args).toContain('--unshare-pid');
	});
});
