// The tool results of a session that may have changed its files (a recorded change, or a command),
// from the device's mirrored rows: all of them, not the stream's loaded window, since "Changes" lists
// everything the session changed and the tree refreshes after each.
import { Dexie } from 'dexie';
import type { MessageRow, RunnerDb } from '$lib/db/schema';

export const changedFiles = (m: MessageRow) => (m.meta.changes?.length ?? 0) > 0;

export async function changeResults(db: RunnerDb, sessionId: string): Promise<MessageRow[]> {
	const results = await db.messages
		.where('[sessionId+kind+seq]')
		.between([sessionId, 'tool_result', Dexie.minKey], [sessionId, 'tool_result', Dexie.maxKey], true, true)
		.toArray();
	// A command records no changes, but may have changed anything.
	return results.filter((m) => changedFiles(m) || m.meta.toolName === 'bash');
}
