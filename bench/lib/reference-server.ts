// The upstream reference: `@y/websocket-server` 0.1.1's own bin, unmodified, as a child process that
// keeps documents in memory (no YPERSISTENCE) and checks nothing, to compare our server against.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './ports';

export interface ReferenceServer {
	/** ws://127.0.0.1:<port>: the document name is the whole path, as its bin expects. */
	url: string;
	pid: number;
	kill(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startReferenceServer(): Promise<ReferenceServer> {
	const bin = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
	const port = await freePort();
	const child = spawn(process.execPath, [bin], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`reference server did not start: ${out}`)), 20_000);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('running at')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`reference server exited with ${code}: ${out}`)));
	});
	return {
		url: `ws://127.0.0.1:${port}`,
		pid: child.pid!,
		kill: () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return exited;
		}
	};
}
