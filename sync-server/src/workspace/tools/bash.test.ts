import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { createBashTool } from './bash';
import { createWorkspaceTools } from './index';

let ws: TestWorkspace;

/** Whether a process has ended (absent, or a zombie nobody has reaped yet); polls briefly since SIGKILL lands asynchronously. */
async function gone(pid: number): Promise<boolean> {
	for (let i = 0; i < 100; i++) {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
		if (stat === null || / Z /.test(stat)) return true;
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
		const bash = createBashTool();
		expect(await bash.run({ command: 'pwd; echo err >&2; exit 3' }, ws.ctx)).toEqual({ ok: true, content: `${ws.root}\nerr\n[exit code 3]` });
		expect(await bash.run({ command: 'true' }, ws.ctx)).toEqual({ ok: true, content: '(no output)\n[exit code 0]' });
	});

	it('has no stdin and does not pass the server environment on', async () => {
		process.env.ANTHROPIC_API_KEY_FOR_TEST = 'sk-secret';
		try {
			const result = await createBashTool().run({ command: 'cat; echo "key=$ANTHROPIC_API_KEY_FOR_TEST"' }, ws.ctx);
			expect(result).toEqual({ ok: true, content: 'key=\n[exit code 0]' });
		} finally {
			delete process.env.ANTHROPIC_API_KEY_FOR_TEST;
		}
	});

	it('stops a command at the timeout, with what it printed so far, and ends its background children', async () => {
		const bash = createBashTool({ timeoutMs: 1000 });
		const result = await bash.run({ command: 'sleep 30 & echo $! > bg.pid; echo started; sleep 30' }, ws.ctx);
		expect(result).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining('started') });
		expect(result).toMatchObject({ message: expect.stringContaining('after 1000 ms') });
		expect(await gone(Number(await readFile(path.join(ws.root, 'bg.pid'), 'utf8')))).toBe(true);
	});

	it('returns when the command exits, ending what it left running in the background', async () => {
		const result = await createBashTool().run({ command: 'sleep 30 & echo $! > bg.pid; echo done' }, ws.ctx);
		expect(result).toEqual({ ok: true, content: 'done\n[exit code 0]' });
		expect(await gone(Number(await readFile(path.join(ws.root, 'bg.pid'), 'utf8')))).toBe(true);
	});

	it('keeps the head and tail of long output within the cap', async () => {
		const bash = createBashTool({ maxOutputBytes: 1000 });
		const result = await bash.run({ command: 'echo FIRST; head -c 100000 /dev/zero | tr "\\0" x; echo; echo LAST' }, ws.ctx);
		if (!result.ok) throw new Error(result.message);
		expect(result.content.length).toBeLessThan(1200);
		expect(result.content).toMatch(/^FIRST\n/);
		expect(result.content).toMatch(/LAST\n\[exit code 0\]$/);
		expect(result.content).toContain('bytes of output cut');
	});

	it('stops when the turn is stopped', async () => {
		const controller = new AbortController();
		const running = createBashTool().run({ command: 'echo go; sleep 30' }, { root: ws.root, signal: controller.signal });
		setImmediate(() => controller.abort());
		expect(await running).toMatchObject({ ok: false, reason: 'aborted' });
	});

	it('caps the time limit the model asks for', async () => {
		const bash = createBashTool({ timeoutMs: 500, maxTimeoutMs: 1000 });
		expect(await bash.run({ command: 'sleep 30', timeout_ms: 600_000 }, ws.ctx)).toMatchObject({ ok: false, reason: 'timeout', message: expect.stringContaining('1000 ms') });
	});
});
