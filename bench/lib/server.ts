// Our server for a bench: the real one as a child process (tests/helpers/server-process.ts), whose temp
// DATA_DIR is removed when it stops, so repeated runs leave no SQLite files behind.
import { rmSync } from 'node:fs';
import { spawnServer, type ServerProcess, type SpawnOptions } from '../../tests/helpers/server-process';

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
