// bash: one shell command in the workspace, only when the server enables it and bubblewrap can sandbox it
// (sandbox.ts); bounded in time and output, no stdin, no secrets in env.
import { spawn } from 'node:child_process';
import { sandboxed } from '../sandbox';
import { fail, type ToolResult } from '../result';
import { defineTool, type WorkspaceTool } from '../tool';
import { OutputCap } from './outputCap';

export interface ShellOptions {
	/** The bubblewrap binary checkSandbox() found working: every command runs inside it. */
	bwrap: string;
	/** Default time limit when the model gives none; the model may ask for up to `maxTimeoutMs`. */
	timeoutMs?: number;
	maxTimeoutMs?: number;
	/** Output kept per command (head and tail); the middle of longer output is cut. */
	maxOutputBytes?: number;
	shellPath?: string;
	/** Extra environment; the server's own environment (API keys, tokens) is never passed on. */
	env?: Record<string, string>;
}

export const SHELL_DEFAULTS = { timeoutMs: 120_000, maxTimeoutMs: 600_000, maxOutputBytes: 30_000, shellPath: '/bin/bash' };

/** The whole environment of a command (and of bwrap, its parent inside the sandbox): nothing of the server's. */
function commandEnv(options: ShellOptions, root: string): Record<string, string> {
	return {
		PATH: '/usr/local/bin:/usr/bin:/bin',
		HOME: root,
		LANG: 'C.UTF-8',
		TERM: 'dumb',
		...options.env
	};
}

export function createBashTool(options: ShellOptions): WorkspaceTool<'bash'> {
	const settings = { ...SHELL_DEFAULTS, ...options };
	return defineTool('bash', (input, ctx) => {
		const timeout = Math.min(input.timeout_ms ?? settings.timeoutMs, settings.maxTimeoutMs);
		return new Promise<ToolResult>((resolve) => {
			const output = new OutputCap(settings.maxOutputBytes);
			// Its own process group, so a timeout or Stop also ends what the command started in the background.
			const sandbox = sandboxed(settings.bwrap, settings.shellPath, input.command, ctx.root);
			const child = spawn(sandbox.file, sandbox.args, {
				cwd: ctx.root,
				env: commandEnv(options, ctx.root),
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true
			});
			let stopped: 'timeout' | 'aborted' | null = null;
			let exited = false;
			const killGroup = () => {
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// The group is already gone.
				}
			};
			const stop = (why: 'timeout' | 'aborted') => {
				if (!exited) stopped = why;
				killGroup();
				// A process that left the group (setsid) may still hold the pipes; stop waiting for it.
				child.stdout.destroy();
				child.stderr.destroy();
			};
			const timer = setTimeout(() => stop('timeout'), timeout);
			const onAbort = () => stop('aborted');
			ctx.signal.addEventListener('abort', onAbort, { once: true });
			child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
			child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
			child.on('exit', () => {
				exited = true;
				killGroup();
			});
			const finish = (result: ToolResult) => {
				clearTimeout(timer);
				ctx.signal.removeEventListener('abort', onAbort);
				resolve(result);
			};
			child.on('error', (err) => finish(fail('tool-failed', `The shell could not start: ${err.message}`)));
			child.on('close', (code, signal) => {
				const text = output.text();
				if (stopped === 'timeout') return finish(fail('timeout', `The command was stopped after ${timeout} ms.\n${text}`.trimEnd()));
				if (stopped === 'aborted') return finish(fail('aborted', `The command was stopped.\n${text}`.trimEnd()));
				const status = code !== null ? `[exit code ${code}]` : `[killed by ${signal}]`;
				finish({ ok: true, content: text ? `${text.replace(/\n$/, '')}\n${status}` : `(no output)\n${status}` });
			});
		});
	});
}
