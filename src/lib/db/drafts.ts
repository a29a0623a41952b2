// The unsent prompt of each session, kept per device so a reload or a tab switch never loses it.
import type { RunnerDb } from './schema';

export async function readDraft(db: RunnerDb, sessionId: string): Promise<string> {
	return (await db.drafts.get(sessionId))?.text ?? '';
}

/** An empty draft deletes the row, so the table holds only sessions with unsent text. */
export async function writeDraft(db: RunnerDb, sessionId: string, text: string, now = Date.now()): Promise<void> {
	if (text === '') await db.drafts.delete(sessionId);
	else await db.drafts.put({ sessionId, text, updatedAt: now });
}
