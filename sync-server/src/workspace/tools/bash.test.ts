import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { createBashTool } from './bash';
import { createWorkspaceTools } from './index';

/** bubblewrap is installed on this machine and in CI; tests/hostile/sandbox.test.ts checks what it hides. */
const SHELL = { bwrap: '/usr/bin/bwrap' };
let ws: TestWorkspace;

/** Whether no live process on the host has `marker` in its command line (PIDs inside the sandbox are its own). */
async function gone(marker: string): Promise<boolean> {
	for (let i = 0; i < 100; i++) {
		const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
		const lines = await Promise.all(pids.map(async (pid) => [await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''), await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')]));
		if (!lines.some(([cmd, stat]) => cmd.includes(marker) && !/ Z /.test(stat))) return true;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return false;
}
beforeEach(async () => {
	ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe('bash', () => {
	it('is not offered, and refuses to run, unless the server enables it', async () => {
		const tools = createWorkspaceTools();
		expect(tools.definitions.map((d) => d.name)).not.toContain('bash');
		expect(await tools.run('bash', { command: 'touch ran' }, ws.ctx)).toMatchObject({ ok: false, reason: 'tool-disabled' });
		await expect(readFile(path.join(ws.root, 'ran'))).rejects.toThrow();
	});

	it('runs in the workspace and returns output and exit code', async () => {
		const bash = createBashTool(SHELL);
		expect(await bash.run({ command: 'pwd; echo err >&2; exit 3' }, ws.ctx)).toEqual({ ok: true, content: `${ws.root}\nerr\n[exit code 3]` });
		expect(await bash.run({ command: 'true' }, ws.ctx)).toEqual({ ok: true, content: '(no output)\n[exit code 0]' });
	});

	it('has no stdin and does not pass the server environment on', async () => {
		process.env.ANTHROPIC_API_KEY_FOR_TEST = 'sk-secret';
		try {
			const result = await createBashTool(SHELL).run({ command: 'cat; echo "key=$ANTHROPIC_API_KEY_FOR_TEST"' }, ws.ctx);
			expect(result).toEqual({ ok: true, content: 'key=\n[exit code 0]' });
		} finally {
			delete process.env.ANTHROPIC_API_KEY_FOR_TEST;
		}
	});

	it('stops a command at the timeout, with what it printed so far, and ends its background children', async () => {
		const bash = createBashTool({ ...SHELL, timeoutMs: 1000 });
		const result = await bash.run({ command: 'sleep 30.0101 & echo started; sleep 30' }, ws.ctx);
		expect(result).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining('started') });
		expect(result).toMatchObject({ message: expect.stringContaining('after 1000 ms') });
		expect(await gone('30.0101')).toBe(true);
	});

	it('returns when the command exits, ending what it left running in the background', async () => {
		const result = await createBashTool(SHELL).run({ command: 'sleep 30.0202 & echo done' }, ws.ctx);
		expect(result).toEqual({ ok: true, content: 'done\n[exit code 0]' });
		expect(await gone('30.0202')).toBe(true);
	});

	it('keeps the head and tail of long output within the cap', async () => {
		const bash = createBashTool({ ...SHELL, maxOutputBytes: 1000 });
		const result = await bash.run({ command: 'echo FIRST; head -c 100000 /dev/zero | tr "\\0" x; echo; echo LAST' }, ws.ctx);
		if (!result.ok) throw new Error(result.message);
		expect(result.content.length).toBeLessThan(1200);
		expect(result.content).toMatch(/^FIRST\n/);
		expect(result.content).toMatch(/LAST\n\[exit code 0\]$/);
		expect(result.content).toContain('bytes of output cut');
	});

	it('stops when the turn is stopped', async () => {
		const controller = new AbortController();
		const running = createBashTool(SHELL).run({ command: 'echo go; sleep 30' }, { root: ws.root, signal: controller.signal });
		setImmediate(() => controller.abort());
		expect(await running).toMatchObject({ ok: false, reason: 'aborted' });
	});

	it('caps the time limit the model asks for', async () => {
		const bash = createBashTool({ ...SHELL, timeoutMs: 500, maxTimeoutMs: 1000 });
		expect(await bash.run({ command: 'sleep 30', timeout_ms: 600_000 }, ws.ctx)).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining('1000 ms') });
	});
});
