// Group commit: every append that arrives within one turn of the event loop (many sockets, many
// documents) is written by one transaction, so a burst costs one commit instead of one per update.
// Each caller's promise still resolves only after the commit holding its rows, so "durable before
// broadcast" holds unchanged. If the shared commit fails, each append is tried alone, so one bad
// write fails only its own caller. A long burst (hundreds of sockets read in one turn) is cut into
// commits of at most `maxWaitMs` of arrivals each, so the first updates of a burst go out while the rest
// are still being read, instead of every one waiting for the last.

export interface Append {
	tenant: string;
	doc: string;
	updates: Uint8Array[];
}

export interface GroupCommit<R> {
	/** Resolves with what the commit returned for this append, once that commit is done. */
	append(entry: Append): Promise<R>;
	/** Writes what is queued now (before the store closes). */
	flush(): void;
}

interface Queued<R> extends Append {
	resolve(result: R): void;
	reject(error: unknown): void;
}

/**
 * `commit` writes the given appends in one transaction, in order, and returns one result per append
 * (or throws, having written none).
 */
export function groupCommit<R>(commit: (appends: Append[]) => R[], { maxWaitMs = 1, now = () => performance.now() } = {}): GroupCommit<R> {
	let queue: Array<Queued<R>> = [];
	let scheduled: NodeJS.Immediate | null = null;
	let firstQueuedAt = 0;

	function flush() {
		if (scheduled) clearImmediate(scheduled);
		scheduled = null;
		const batch = queue;
		queue = [];
		if (batch.length === 0) return;
		try {
			const results = commit(batch);
			batch.forEach((entry, i) => entry.resolve(results[i]));
		} catch (error) {
			if (batch.length === 1) return batch[0].reject(error);
			for (const entry of batch) {
				try {
					entry.resolve(commit([entry])[0]);
				} catch (alone) {
					entry.reject(alone);
				}
			}
		}
	}

	return {
		append(entry) {
			return new Promise((resolve, reject) => {
				if (queue.length === 0) firstQueuedAt = now();
				queue.push({ ...entry, resolve, reject });
				if (now() - firstQueuedAt >= maxWaitMs) flush();
				else scheduled ??= setImmediate(flush);
			});
		},
		flush
	};
}
