// The loaded window of one session's messages: the newest page first, growing towards older pages as the
// reader scrolls up; it only grows (appends included) until `latest()` shrinks it back to the newest page.
import { runningPrompt } from '$lib/core/turns';
import { latestMessages, messagesFrom } from '$lib/db/messages';
import type { MessageRow, RunnerDb } from '$lib/db/schema';
import { LiveQuery } from './live.svelte';

export const PAGE = 100;

export class StreamWindow {
	/** The lowest `seq` loaded; null until the newest page has arrived. */
	#from = $state<number | null>(null);
	#query: LiveQuery<MessageRow[], number | null>;
	loadingOlder = $state(false);

	constructor(db: RunnerDb, sessionId: string) {
		this.#query = new LiveQuery(
			() => this.#from,
			async (from) => {
				const rows = from === null ? await latestMessages(db, sessionId, PAGE) : await messagesFrom(db, sessionId, from);
				// Pin the window's start, so new messages append instead of pushing old ones out.
				if (from === null) queueMicrotask(() => (this.#from = rows[0]?.seq ?? 0));
				else queueMicrotask(() => (this.loadingOlder = false));
				return rows;
			},
			[]
		);
	}

	get rows(): MessageRow[] {
		return this.#query.current;
	}

	get loaded(): boolean {
		return this.#query.loaded;
	}

	get hasOlder(): boolean {
		return this.#from !== null && this.#from > 0;
	}

	/** The prompt whose turn runs now, if any (what Stop ends). */
	get running(): MessageRow | undefined {
		return runningPrompt(this.rows) as MessageRow | undefined;
	}

	loadOlder(): void {
		if (this.#from === null || this.#from <= 0 || this.loadingOlder) return;
		this.loadingOlder = true;
		this.#from = Math.max(0, this.#from - PAGE);
	}

	latest(): void {
		this.#from = null;
	}
}
