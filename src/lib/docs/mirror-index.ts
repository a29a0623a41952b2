// Keeps the `sessions` rows equal to the index doc; the list is small, so each run reconciles it whole.
import type * as Y from 'yjs';
import { listSessions, sessionsMap } from '$lib/core/ydoc';
import type { RunnerDb } from '$lib/db/schema';
import { createBatch, type Batch } from './batch';

export function mirrorIndex(db: RunnerDb, doc: Y.Doc, delayMs?: number): Batch {
	const map = sessionsMap(doc);

	async function flush() {
		const sessions = listSessions(doc);
		const ids = new Set(sessions.map((s) => s.id));
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
