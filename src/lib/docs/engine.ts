// Everything on the device that needs Yjs, and the schemas that check what enters a document: loaded on
// first need (a signed-in device, an open tab, a first action), so a first visit does not pay for it.
import { openDb, type RunnerDb } from '$lib/db/schema';
import { createSessionActions, type SessionActions } from './actions';
import { createLocalDocs, type LocalDocs } from './local';

export interface DocsEngine {
	docs: LocalDocs;
	actions: SessionActions;
	close(): void;
}

/**
 * Opens the device's database a second time, with Y.Doc support, and its index doc; rows go through `rows`.
 * Without Dexie's query cache there: y-dexie's live query of each open doc spans every doc's updates since
 * that doc's own last one, so while a reply streams the index doc's grows by a row per delta, and the cache
 * rebuilt a sorted key set of it in JavaScript on every stored delta (a re-read is cheaper).
 */
export async function startEngine(rows: RunnerDb, model: () => string, onUnreadable?: (count: number) => void): Promise<DocsEngine> {
	const db = openDb(rows.name, { cache: 'disabled' });
	const docs = createLocalDocs(rows, { docsDb: db, onUnreadable });
	await docs.start();
	return {
		docs,
		actions: createSessionActions(docs, Date.now, model),
		close() {
			docs.close();
			db.close();
		}
	};
}
