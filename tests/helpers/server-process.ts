// Runs the real sync server as a child process (`node --import tsx`, one process, so SIGKILL really
// kills it) with its own DATA_DIR and port, for tests that kill, restart or read what it prints; or as
// people run it, `npm start`, in a process group of its own so a test can see that none of it is left.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
	/** http://127.0.0.1:<port> */
	origin: string;
	port: number;
	dataDir: string;
	/** The one-time link printed on a first start, or null when it printed the plain address. */
	signInLink: string | null;
	child: ChildProcess;
	output(): string;
	/** Sends the signal and resolves with the exit code (null when killed by a signal). */
	kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
	dataDir?: string;
	/** 0 picks a free port; pass the previous port to restart at the same address. */
	port?: number;
	env?: Record<string, string>;
	/** Run `npm start -- --no-build` (npm, its shell, node) instead of node alone. */
	npmStart?: boolean;
	/** Runs the production build (dist/server, from scripts/build-server.js) instead of the TypeScript sources. */
	built?: boolean;
	/** Starts it in a process group of its own (always with npmStart), so a test can find and end its children. */
	group?: boolean;
}

export function tempDataDir(prefix = 'sr-data-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function spawnServer({ dataDir = tempDataDir(), port = 0, env = {}, built = false, npmStart = false, group = false }: SpawnOptions = {}): Promise<ServerProcess> {
	const entry = built ? ['dist/server/index.js'] : ['--import', 'tsx', 'sync-server/src/index.ts'];
	const [command, args] = npmStart ? ['npm', ['start', '--', '--no-build']] : [process.execPath, entry];
	const child = spawn(command, args, {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: npmStart || group
	});
	let out = '';
	const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
	return new Promise((resolvePromise, reject) => {
		const timer = setTimeout(() => fail(new Error('server did not start within 30 s')), 30_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(`${error.message}\n${out}`));
		};
		const early = (code: number | null) => fail(new Error(`server exited with ${code} before listening`));
		child.once('exit', early);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const match = /^Open (http:\/\/[^/\s#]+)(\/signin#token=\S+)?$/m.exec(out);
			if (!match) return;
			clearTimeout(timer);
			child.off('exit', early);
			const origin = match[1];
			resolvePromise({
				origin,
				port: Number(new URL(origin).port),
				dataDir,
				signInLink: match[2] ? origin + match[2] : null,
				child,
				output: () => out,
				kill: (signal = 'SIGTERM') => {
					if (child.exitCode === null && child.signalCode === null) child.kill(signal);
					return exited;
				}
			});
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
	});
}

/** The processes still in the server's process group (spawned with `group` or `npmStart`). */
export function groupProcessList(server: ServerProcess): Array<{ pid: number; args: string }> {
	const pgid = String(server.child.pid);
	return execFileSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' })
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.filter(([, group]) => group === pgid)
		.map(([pid, , ...args]) => ({ pid: Number(pid), args: args.join(' ') }));
}

/** Command lines of the processes still in the server's process group. */
export function groupProcesses(server: ServerProcess): string[] {
	return groupProcessList(server).map((p) => p.args);
}

/** Ends every process left in the server's process group. */
export function killGroup(server: ServerProcess): void {
	try {
		process.kill(-server.child.pid!, 'SIGKILL');
	} catch {
		// The group is gone already.
	}
}
