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

/** Opens the device's database a second time, with Y.Doc support, and its index doc; rows go through `rows`. */
export async function startEngine(rows: RunnerDb, model: () => string, onUnreadable?: (count: number) => void): Promise<DocsEngine> {
	const db = openDb(rows.name);
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
