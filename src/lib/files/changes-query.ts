// The tool results of a session that recorded file changes, from the device's mirrored rows: all of
// them, not the stream's loaded window, since "Changes" lists everything the session changed.
import { Dexie } from 'dexie';
import type { MessageRow, RunnerDb } from '$lib/db/schema';

export async function changeResults(db: RunnerDb, sessionId: string): Promise<MessageRow[]> {
	const results = await db.messages
		.where('[sessionId+kind+seq]')
		.between([sessionId, 'tool_result', Dexie.minKey], [sessionId, 'tool_result', Dexie.maxKey], true, true)
		.toArray();
	return results.filter((m) => m.meta.changes && m.meta.changes.length > 0);
}
