// The messages of a session that may have changed its files (a recorded change, a command, a rewind),
// from the device's mirrored rows: all of them, not the stream's loaded window, since "Changes" lists
// everything the session changed and the tree refreshes after each.
import { Dexie } from 'dexie';
import type { MessageRow, RunnerDb } from '$lib/db/schema';

export const changedFiles = (m: MessageRow) => (m.meta.changes?.length ?? 0) > 0;

const ofKind = (db: RunnerDb, sessionId: string, kind: MessageRow['kind']) =>
	db.messages.where('[sessionId+kind+seq]').between([sessionId, kind, Dexie.minKey], [sessionId, kind, Dexie.maxKey], true, true).toArray();

/** Also the system messages of rewinds and their undoing, which put files back; in stream order. */
export async function changeResults(db: RunnerDb, sessionId: string): Promise<MessageRow[]> {
	const [results, system] = await Promise.all([ofKind(db, sessionId, 'tool_result'), ofKind(db, sessionId, 'system')]);
	// A command records no changes, but may have changed anything.
	const changing = results.filter((m) => changedFiles(m) || m.meta.toolName === 'bash');
	return [...changing, ...system.filter((m) => m.meta.rewind)].sort((a, b) => a.seq - b.seq);
}
