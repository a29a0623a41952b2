// Coalesces bursts of Yjs changes into one serialized write: streamed deltas cost one Dexie write per tick.

export interface Batch {
	/** Asks for a run within `withinMs` (default: the batch's delay); many requests become one run. */
	request(withinMs?: number): void;
	/** Runs what is pending now and resolves once every requested run has finished. */
	settled(): Promise<void>;
	stop(): void;
}

export function createBatch(run: () => Promise<void>, delayMs = 32): Batch {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let dueAt = Infinity;
	let chain: Promise<void> = Promise.resolve();
	let stopped = false;

	// Runs never overlap: each waits for the previous one, so rows are written in change order.
	const enqueue = () => {
		timer = null;
		dueAt = Infinity;
		chain = chain.then(() => (stopped ? undefined : run()));
	};

	return {
		request(withinMs = delayMs) {
			const due = performance.now() + withinMs;
			// A pending run that comes sooner covers this request; a later one is brought forward.
			if (stopped || due >= dueAt) return;
			if (timer !== null) clearTimeout(timer);
			dueAt = due;
			timer = setTimeout(enqueue, withinMs);
		},
		async settled() {
			if (timer !== null) {
				clearTimeout(timer);
				enqueue();
			}
			let seen: Promise<void>;
			do {
				seen = chain;
				await seen;
			} while (seen !== chain);
		},
		stop() {
			stopped = true;
			if (timer !== null) clearTimeout(timer);
			timer = null;
			dueAt = Infinity;
		}
	};
}
