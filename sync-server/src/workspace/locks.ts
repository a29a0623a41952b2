// One change at a time per file, across tools and the file API, so a check-then-write (edit, versioned save) is not interleaved.
// Within a process changes to one path queue on a promise chain; with several instances sharing the
// workspaces volume, each change also holds a lock every instance sees (PostgreSQL's, keyed by the path).
const tails = new Map<string, Promise<unknown>>();

/** Holds `key` against every other instance while `fn` runs. */
export type SharedLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

const alone: SharedLock = (_key, fn) => fn();
let shared: SharedLock = alone;

/** Installed once at start by a server whose workspaces other instances write too; `undefined` restores the default. */
export function shareFileLocks(lock: SharedLock | undefined): void {
	shared = lock ?? alone;
}

/** Runs `fn` after every earlier holder of `key` (an absolute path) has finished, here and on other instances. */
export async function withFileLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(() => shared(key, fn));
	const tail = run.catch(() => undefined);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}
