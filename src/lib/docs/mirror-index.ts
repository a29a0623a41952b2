// Keeps the `sessions` rows equal to the index doc; the list is small, so each run reconciles it whole.
// An entry this version cannot read (a newer version's, or damaged) is left out, and counted, so the
// list shows every good session and says how many it could not. Rows written from the very state the
// doc loads with, by this same build, are kept as they are: a start-up then reads and writes nothing (with a
// thousand sessions that work would land on the first click into a session). A new build reads entries
// again: it may read what the last could not, or fields it did not have.
import * as Y from 'yjs';
import { INDEX_DOC } from '$lib/core/docnames';
import { listSessions, sessionsMap } from '$lib/core/ydoc';
import type { RunnerDb } from '$lib/db/schema';
import { createBatch, type Batch } from './batch';
import { APP_VERSION } from '$lib/pwa/version';
import { sameBytes } from './bytes';

export function mirrorIndex(db: RunnerDb, doc: Y.Doc, delayMs?: number, onUnreadable?: (count: number) => void): Batch {
	const map = sessionsMap(doc);

	let checkStored = true;

	async function flush() {
		if (checkStored) {
			checkStored = false;
			const stored = await db.mirror.get(INDEX_DOC);
			const same = stored?.appVersion === APP_VERSION && sameBytes(stored.stateVector, Y.encodeStateVector(doc));
			if (same) return onUnreadable?.(stored.unreadable ?? 0);
		}
		const stateVector = Y.encodeStateVector(doc);
		const sessions = listSessions(doc);
		const ids = new Set(sessions.map((s) => s.id));
		const unreadable = map.size - sessions.length;
		onUnreadable?.(unreadable);
		await db.transaction('rw', db.sessions, db.mirror, async () => {
			const gone = (await db.sessions.toCollection().primaryKeys()).filter((id) => !ids.has(id));
			await db.sessions.bulkDelete(gone);
			await db.sessions.bulkPut(sessions);
			await db.mirror.put({ name: INDEX_DOC, stateVector, unreadable, appVersion: APP_VERSION });
		});
	}

	const batch = createBatch(() => flush().catch((error) => console.error('mirror-write-failed', 'index', error)), delayMs);
	const observer = () => batch.request();
	map.observeDeep(observer);
	batch.request();

	return {
		...batch,
		stop() {
			map.unobserveDeep(observer);
			batch.stop();
		}
	};
}
