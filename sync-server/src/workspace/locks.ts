// One change at a time per file, across tools and the file API, so a check-then-write (edit, versioned save) is not interleaved.
const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier holder of `key` (an absolute path) has finished. */
export async function withFileLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(fn);
	const tail = run.catch(() => undefined);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}
