// Paged reads of one session's mirrored messages, in doc order, and its prompt history.
import { Dexie } from 'dexie';
import type { MessageRow, RunnerDb } from './schema';

const bySeq = (db: RunnerDb, sessionId: string, from: number = Dexie.minKey as number) =>
	db.messages.where('[sessionId+seq]').between([sessionId, from], [sessionId, Dexie.maxKey], true, true);

/**
 * The newest `limit` messages, oldest first. Read as one range below the newest row (IndexedDB's getAll),
 * since a reverse cursor takes a round trip per row, which a long session's first paint waits on.
 */
export async function latestMessages(db: RunnerDb, sessionId: string, limit: number): Promise<MessageRow[]> {
	const newest = await bySeq(db, sessionId).last();
	if (!newest) return [];
	const rows = await bySeq(db, sessionId, Math.max(0, newest.seq - limit + 1)).toArray();
	// Places left empty by entries the mirror could not read make the range short: then step back row by row.
	if (rows.length < limit && rows.length <= newest.seq) return (await bySeq(db, sessionId).reverse().limit(limit).toArray()).reverse();
	return rows;
}

/** Every message from position `from` on, oldest first. */
export function messagesFrom(db: RunnerDb, sessionId: string, from: number): Promise<MessageRow[]> {
	return bySeq(db, sessionId, from).toArray();
}

export function countMessages(db: RunnerDb, sessionId: string): Promise<number> {
	return bySeq(db, sessionId).count();
}

/** The text of this session's prompt `back` steps before the newest (0 = newest), if there is one. */
export async function promptBack(db: RunnerDb, sessionId: string, back: number): Promise<string | undefined> {
	const row = await db.messages
		.where('[sessionId+kind+seq]')
		.between([sessionId, 'user', Dexie.minKey], [sessionId, 'user', Dexie.maxKey], true, true)
		.reverse()
		.offset(back)
		.first();
	return row?.text;
}
