// One server per DATA_DIR in single-machine mode (SQLite): two would each take over unfinished turns and
// keep their own documents in memory, so a prompt sent through one never shows on the other. The lock is
// `DATA_DIR/server.pid`, holding the owner's pid and linked into place whole (a link fails if the name exists,
// so no one ever reads it half-written); a file left by a process that is gone (SIGKILL, a crash) is taken over.
// Once listening, the owner records its address beside it (`server.origin`), for `npm run token`'s link.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.pid';
const ORIGIN_FILE = 'server.origin';

export type DataDirLock = { ok: true; recordOrigin(origin: string): void; release(): void } | { ok: false; pid: number; message: string };

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function ownerOf(file: string): number | undefined {
	try {
		const pid = Number(readFileSync(file, 'utf8').trim());
		return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

export function lockDataDir(dataDir: string): DataDirLock {
	const pid = process.pid;
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, LOCK_FILE);
	const draft = `${file}.${pid}`;
	writeFileSync(draft, `${pid}\n`);
	try {
		for (;;) {
			try {
				linkSync(draft, file);
				const originFile = join(dataDir, ORIGIN_FILE);
				return {
					ok: true,
					recordOrigin: (origin) => writeFileSync(originFile, `${origin}\n`),
					release: () => {
						if (ownerOf(file) !== pid) return;
						rmSync(originFile, { force: true });
						rmSync(file, { force: true });
					}
				};
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			}
			const owner = ownerOf(file);
			// Our own pid is a file left by an earlier run under the same pid (a container's pid 1 after a restart).
			if (owner !== undefined && owner !== pid && alive(owner)) {
				return {
					ok: false,
					pid: owner,
					message: `Another server (pid ${owner}) is already running on DATA_DIR ${dataDir}. Stop it first (kill ${owner}), or give this server its own DATA_DIR.`
				};
			}
			rmSync(file, { force: true });
		}
	} finally {
		rmSync(draft, { force: true });
	}
}

/** The server that owns DATA_DIR now, with the address it recorded, or undefined when none runs. */
export function runningServer(dataDir: string): { pid: number; origin: string | undefined } | undefined {
	const pid = ownerOf(join(dataDir, LOCK_FILE));
	if (pid === undefined || !alive(pid)) return undefined;
	try {
		return { pid, origin: readFileSync(join(dataDir, ORIGIN_FILE), 'utf8').trim() || undefined };
	} catch {
		return { pid, origin: undefined };
	}
}
