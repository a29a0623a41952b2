// Keeps the `sessions` rows equal to the index doc; the list is small, so each run reconciles it whole.
// An entry this version cannot read (a newer version's, or damaged) is left out, and counted, so the
// list shows every good session and says how many it could not.
import type * as Y from 'yjs';
import { listSessions, sessionsMap } from '$lib/core/ydoc';
import type { RunnerDb } from '$lib/db/schema';
import { createBatch, type Batch } from './batch';

export function mirrorIndex(db: RunnerDb, doc: Y.Doc, delayMs?: number, onUnreadable?: (count: number) => void): Batch {
	const map = sessionsMap(doc);

	async function flush() {
		const sessions = listSessions(doc);
		const ids = new Set(sessions.map((s) => s.id));
		onUnreadable?.(map.size - sessions.length);
		await db.transaction('rw', db.sessions, async () => {
			const gone = (await db.sessions.toCollection().primaryKeys()).filter((id) => !ids.has(id));
			await db.sessions.bulkDelete(gone);
			await db.sessions.bulkPut(sessions);
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
