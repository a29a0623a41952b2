// A session's copy on this device: how much room it takes, and dropping it to free that room. Dropping
// touches only this device's tables; the session stays in the tenant's index (so nothing reaches the
// server) and its doc downloads again the next time it is opened online.
import { Dexie } from 'dexie';
import { parseDocName, sessionDocName } from '$lib/core/docnames';
import { DOC_UPDATES_TABLE } from '$lib/db/names';
import type { RunnerDb } from '$lib/db/schema';
import type { LocalDocs } from '$lib/docs/local';

interface UpdateRow {
	k: string;
	u: Uint8Array;
}

/**
 * The sessions kept on this device (their doc is stored here, possibly still empty), each with its size
 * in bytes: stored Yjs updates plus the text of its mirrored messages (an estimate).
 */
export async function localCopySizes(db: RunnerDb): Promise<Map<string, number>> {
	const sizes = new Map<string, number>();
	const add = (id: string, bytes: number) => sizes.set(id, (sizes.get(id) ?? 0) + bytes);
	for (const name of await db.docs.toCollection().primaryKeys()) {
		const parsed = parseDocName(name);
		if (parsed?.kind === 'session') add(parsed.sessionId, 0);
	}
	await db.table<UpdateRow>(DOC_UPDATES_TABLE).each((row) => {
		const parsed = parseDocName(row.k);
		if (parsed?.kind === 'session') add(parsed.sessionId, row.u.byteLength);
	});
	await db.messages.each((row) => add(row.sessionId, row.text.length));
	return sizes;
}

export async function removeLocalCopy(docs: LocalDocs, sessionId: string): Promise<void> {
	const name = sessionDocName(sessionId);
	// A mirror write still in flight would bring rows back after they were deleted.
	await docs.settled();
	await docs.registry.forget(name);
	await docs.db.transaction('rw', [docs.db.messages, docs.db.mirror], async () => {
		await docs.db.messages
			.where('[sessionId+seq]')
			.between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey], true, true)
			.delete();
		await docs.db.mirror.delete(name);
	});
}
