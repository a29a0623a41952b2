// Keeps a session's `messages` rows equal to its Y.Doc: rows carry `seq` (position in the doc's array),
// a structural change re-numbers from the first changed position, and text edits patch one row.
// A streaming reply's text alone is written at a slower pace: an open session renders it from the doc
// (docs/live-text.ts), and each write here also re-runs every live query over the rows on the main
// thread the reply is drawn on. Anything else (a new message, a state change) is written within a tick.
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { messageState, messagesArray, readMessage, type YMessage } from '$lib/core/ydoc';
import type { MessageRow, RunnerDb } from '$lib/db/schema';
import { createBatch, type Batch } from './batch';
import { sameBytes } from './bytes';

/** The message map a change inside the array belongs to (a map field or its text). */
function owningMessage(target: Y.AbstractType<unknown>, array: Y.Array<YMessage>): YMessage | null {
	let node: Y.AbstractType<unknown> | null = target;
	while (node && node.parent !== array) node = node.parent as Y.AbstractType<unknown> | null;
	return node as YMessage | null;
}

/** Where an array event starts changing things: the leading retain of its delta. */
function firstChange(event: Y.YEvent<Y.Array<YMessage>>): number {
	const [first] = event.changes.delta;
	return first?.retain ?? 0;
}

/** How long a streaming reply's text may wait for its row (it is in the doc, which y-dexie stores, already). */
export const STREAMING_TEXT_DELAY_MS = 500;

/** Rows a first write puts down on their own: what the stream shows first (its page, see StreamWindow). */
const FIRST_PAGE = 100;
/** Older rows per transaction after it. */
const CHUNK = 1000;

export function mirrorSession(db: RunnerDb, name: string, sessionId: string, doc: Y.Doc, delayMs?: number): Batch {
	const array = messagesArray(doc);
	let renumberFrom = Infinity;
	let checkStored = true;
	const dirty = new Set<YMessage>();

	const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		let streamedTextOnly = true;
		for (const event of events) {
			if (event.target === array) {
				renumberFrom = Math.min(renumberFrom, firstChange(event as Y.YEvent<Y.Array<YMessage>>));
				streamedTextOnly = false;
			} else {
				const owner = owningMessage(event.target, array);
				if (owner) dirty.add(owner);
				if (!(event.target instanceof Y.Text && owner && messageState(owner) === 'streaming')) streamedTextOnly = false;
			}
		}
		batch.request(streamedTextOnly ? STREAMING_TEXT_DELAY_MS : undefined);
	};

	async function flush() {
		if (checkStored) {
			checkStored = false;
			// Rows written with this very state vector are complete; otherwise mirror everything once.
			const stored = await db.mirror.get(name);
			if (!stored || !sameBytes(stored.stateVector, Y.encodeStateVector(doc))) renumberFrom = 0;
		}
		const from = renumberFrom;
		const changed = [...dirty];
		renumberFrom = Infinity;
		dirty.clear();
		// Everything is read synchronously, so the rows and the state vector describe one doc state.
		const stateVector = Y.encodeStateVector(doc);
		const renumbered: MessageRow[] = [];
		if (from !== Infinity) {
			array.slice(from).forEach((ymap, i) => {
				const message = readMessage(ymap, sessionId);
				if (message) renumbered.push({ ...message, seq: from + i });
			});
		}
		const covered = new Set(renumbered.map((row) => row.id));
		const patched = changed
			.filter((ymap) => !ymap._item?.deleted)
			.map((ymap) => readMessage(ymap, sessionId))
			.filter((m) => m !== null && !covered.has(m.id));

		const clearFrom = (seq: number) =>
			db.messages.where('[sessionId+seq]').between([sessionId, seq], [sessionId, Dexie.maxKey], true, true).delete();
		// A long run of rows (a session's first mirror) lands newest page first, then older rows in chunks, each
		// in a transaction of its own: the stream paints that page without waiting for the whole session, and a
		// read (another session opened meanwhile) waits for one chunk at most. The state vector is stored only
		// with the last chunk: cut off in between, the next run mirrors everything again.
		const ahead: MessageRow[][] = [];
		if (renumbered.length > 2 * FIRST_PAGE) {
			ahead.push(renumbered.splice(renumbered.length - FIRST_PAGE));
			while (renumbered.length > CHUNK) ahead.push(renumbered.splice(renumbered.length - CHUNK));
		}
		for (const [i, rows] of ahead.entries()) {
			await db.transaction('rw', db.messages, async () => {
				if (i === 0) await clearFrom(from);
				await db.messages.bulkPut(rows);
			});
		}
		await db.transaction('rw', db.messages, db.mirror, async () => {
			if (from !== Infinity && ahead.length === 0) await clearFrom(from);
			const current = await db.messages.bulkGet(patched.map((m) => m!.id));
			const rows = renumbered.concat(
				patched.flatMap((m, i) => (current[i] ? [{ ...m!, seq: current[i]!.seq }] : []))
			);
			if (rows.length > 0) await db.messages.bulkPut(rows);
			await db.mirror.put({ name, stateVector });
		});
	}

	const batch = createBatch(async () => {
		try {
			await flush();
		} catch (error) {
			// The rows may now lag the doc: the next run mirrors everything again.
			checkStored = true;
			console.error('mirror-write-failed', name, error);
		}
	}, delayMs);
	array.observeDeep(observer);
	batch.request();

	return {
		...batch,
		stop() {
			array.unobserveDeep(observer);
			batch.stop();
		}
	};
}
