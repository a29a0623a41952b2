// Our server for a bench: the real one as a child process (tests/helpers/server-process.ts), whose temp
// DATA_DIR is removed when it stops, so repeated runs leave no SQLite files behind.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ROOT, spawnServer, type ServerProcess, type SpawnOptions } from '../../tests/helpers/server-process';

export interface BenchServer extends ServerProcess {
	/** Stops the server (SIGTERM, so it finishes its writes) and deletes its data directory. */
	stop(): Promise<void>;
}

export async function startServer(options: SpawnOptions = {}): Promise<BenchServer> {
	const server = await spawnServer(options);
	return {
		...server,
		stop: async () => {
			await server.kill('SIGTERM');
			rmSync(server.dataDir, { recursive: true, force: true });
		}
	};
}

/** Fails the bench if the server shed a socket for a budget: its figures would time reconnections. */
export async function assertNothingShed(origin: string): Promise<void> {
	const metrics = await (await fetch(`${origin}/metrics`)).text();
	const shed = [...metrics.matchAll(/^sync_sockets_shed_total\{budget="([^"]+)"\} (\d+)/gm)].filter(([, , n]) => Number(n) > 0);
	if (shed.length > 0) throw new Error(`the server shed sockets (${shed.map(([, budget, n]) => `${budget}: ${n}`).join(', ')}); the bench must stay within its budgets`);
}

/**
 * What `npm start` adds to `node dist/server/index.js`: source maps on (scripts/start.js) and at most two
 * malloc arenas (package.json's start script, and the Dockerfile). Keep in step with those.
 */
export const NPM_START = { nodeOptions: '--enable-source-maps', env: { MALLOC_ARENA_MAX: '2' } };

/** Builds the server as `npm start` runs it (dist/server), for benches that start it with `built: true`. */
export function buildServer(): void {
	execFileSync(process.execPath, ['scripts/build-server.js'], { cwd: ROOT, stdio: 'inherit' });
}
