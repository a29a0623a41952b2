// The loaded window of one session's messages: the newest page first, growing towards older pages as the
// reader scrolls up; it only grows (appends included) until `jumpToLatest()` shrinks it to the newest page.
// A session with no mirrored row yet shows the server's newest page (`remoteTail`) until its mirrored
// rows arrive: the same messages with the same `seq`, so they take over in place.
import { sessionDocName } from '$lib/core/docnames';
import { runningPrompt } from '$lib/core/turns';
import { latestMessages, messagesFrom } from '$lib/db/messages';
import type { MessageRow, RunnerDb } from '$lib/db/schema';
import { LiveQuery } from './live.svelte';

export const PAGE = 100;

/** The newest `limit` messages from the server; null when it cannot say (offline, signed out, refused). */
export type RemoteTail = (sessionId: string, limit: number) => Promise<MessageRow[] | null>;

export class StreamWindow {
	/** The lowest `seq` loaded; null until the newest page has arrived. */
	#from = $state<number | null>(null);
	#query: LiveQuery<MessageRow[], number | null>;
	/** Whether this device has mirrored the session's doc at least once (before that, no rows is not "empty"). */
	#mirrored: LiveQuery<boolean>;
	/** The server's newest page, shown while no mirrored row is. */
	#remote = $state.raw<MessageRow[]>([]);
	/** What the server said of the session: not asked or no answer yet, no messages, or it could not say. */
	#tail = $state<'pending' | 'empty' | 'unknown'>('pending');
	loadingOlder = $state(false);
	/** Keep the newest message in view; false once the reader scrolls up. */
	follow = $state(true);
	/** A message to bring into view and mark (a search result that was opened). */
	target = $state<string | null>(null);
	/** Where the window starts once the newest page has arrived, when a target lies further back. */
	#revealFrom: number | null = null;

	readonly sessionId: string;

	constructor(db: RunnerDb, sessionId: string, remoteTail?: RemoteTail) {
		this.sessionId = sessionId;
		this.#mirrored = new LiveQuery(
			() => undefined,
			async () => (await db.mirror.get(sessionDocName(sessionId))) !== undefined,
			false
		);
		this.#query = new LiveQuery(
			() => this.#from,
			(from) => (from === null ? latestMessages(db, sessionId, PAGE) : messagesFrom(db, sessionId, from)),
			[],
			(rows, from) => {
				// Pin the window's start, so new messages append instead of pushing old ones out. Not before the
				// first row: pinned at 0, a session mirrored later would load whole instead of its newest page.
				if (from !== null) this.loadingOlder = false;
				else if (rows.length > 0) this.#from = Math.min(rows[0].seq, this.#revealFrom ?? Infinity);
			}
		);
		// No mirrored row yet: this device may not have the session, or not all of it (the document syncs
		// behind the first paint, so its mirror may exist already and still be empty). Asked once.
		let asked = false;
		if (!remoteTail) this.#tail = 'unknown';
		$effect(() => {
			if (!remoteTail || asked || !this.#query.loaded || this.#query.current.length > 0) return;
			asked = true;
			remoteTail(sessionId, PAGE).then(
				(rows) => {
					if (rows) this.#remote = rows;
					this.#tail = rows === null ? 'unknown' : rows.length === 0 ? 'empty' : 'pending';
				},
				() => (this.#tail = 'unknown')
			);
		});
	}


	get rows(): MessageRow[] {
		const mirrored = this.#query.current;
		return mirrored.length > 0 ? mirrored : this.#remote;
	}

	get loaded(): boolean {
		return this.#query.loaded || this.#remote.length > 0;
	}

	/**
	 * Known to have no messages, as opposed to not here yet: the server says so, or it cannot say (signed out,
	 * offline, a session it does not have yet) and this device's document is all there is. A mirror alone is
	 * not enough: a new device mirrors the session's empty local document before the server's copy arrives.
	 */
	get empty(): boolean {
		if (!this.#query.loaded || this.rows.length > 0) return false;
		if (this.#tail === 'empty') return true;
		return this.#tail === 'unknown' && this.#mirrored.loaded && this.#mirrored.current;
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
