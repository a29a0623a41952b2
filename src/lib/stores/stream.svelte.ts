// The loaded window of one session's messages: the newest page first, growing towards older pages as the
// reader scrolls up; it only grows (appends included) until `jumpToLatest()` shrinks it to the newest page.
import { sessionDocName } from '$lib/core/docnames';
import { runningPrompt } from '$lib/core/turns';
import { latestMessages, messagesFrom } from '$lib/db/messages';
import type { MessageRow, RunnerDb } from '$lib/db/schema';
import { LiveQuery } from './live.svelte';

export const PAGE = 100;

export class StreamWindow {
	/** The lowest `seq` loaded; null until the newest page has arrived. */
	#from = $state<number | null>(null);
	#query: LiveQuery<MessageRow[], number | null>;
	/** Whether this device has mirrored the session's doc at least once (before that, no rows is not "empty"). */
	#mirrored: LiveQuery<boolean>;
	loadingOlder = $state(false);
	/** Keep the newest message in view; false once the reader scrolls up. */
	follow = $state(true);
	/** A message to bring into view and mark (a search result that was opened). */
	target = $state<string | null>(null);
	/** Where the window starts once the newest page has arrived, when a target lies further back. */
	#revealFrom: number | null = null;

	constructor(db: RunnerDb, sessionId: string) {
		this.#mirrored = new LiveQuery(
			() => undefined,
			async () => (await db.mirror.get(sessionDocName(sessionId))) !== undefined,
			false
		);
		this.#query = new LiveQuery(
			() => this.#from,
			async (from) => {
				const rows = from === null ? await latestMessages(db, sessionId, PAGE) : await messagesFrom(db, sessionId, from);
				// Pin the window's start, so new messages append instead of pushing old ones out.
				if (from === null) queueMicrotask(() => (this.#from = Math.min(rows[0]?.seq ?? 0, this.#revealFrom ?? Infinity)));
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

	/** Loaded and truly without messages, as opposed to not mirrored onto this device yet. */
	get empty(): boolean {
		return this.#query.loaded && this.rows.length === 0 && this.#mirrored.loaded && this.#mirrored.current;
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

	/** Loads back to the message at `seq` and marks it; the view scrolls it into sight. */
	reveal(id: string, seq: number): void {
		this.follow = false;
		this.target = id;
		const from = Math.max(0, seq - 5);
		if (this.#from === null) this.#revealFrom = from;
		else if (from < this.#from) this.#from = from;
	}

	/** Back to the newest page, following new output again. */
	jumpToLatest(): void {
		this.follow = true;
		this.target = null;
		this.#revealFrom = null;
		this.#from = null;
	}
}
