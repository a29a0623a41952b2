// The database's tables, version by version: one declaration shared by the two ways it is opened (with the
// y-dexie addon for Y.Docs, and without it for the first screen, so that screen loads no Yjs).
import { Dexie } from 'dexie';
import { createChangeFeed } from './change-feed';
import { DB_NAME, DOC_UPDATES_TABLE } from './names';
import type { RunnerDb } from './schema';

/** `docs` as y-dexie declares it: the addon stores the `doc` property's updates in DOC_UPDATES_TABLE. */
export const Y_DOCS_TABLE = { docs: 'name, doc: Y.Doc' };
/** The same tables as IndexedDB holds them, declared without the addon. */
const PLAIN_DOCS_TABLE = { docs: 'name', [DOC_UPDATES_TABLE]: '++i,k' };

export function declareTables(db: RunnerDb, docsTable: Record<string, string>): void {
	db.changes = createChangeFeed(['messages', 'sessions', 'mirror']);
	db.use(db.changes.middleware);
	db.version(1).stores({
		...docsTable,
		sessions: 'id, updatedAt',
		// [sessionId+seq] pages one session in order; [sessionId+kind+seq] walks its prompts (history).
		messages: 'id, [sessionId+seq], [sessionId+kind+seq]',
		drafts: 'sessionId',
		screen: 'key',
		mirror: 'name'
	});
	// Additive: the file panel's offline copies, keyed by session and workspace path.
	db.version(2).stores({
		fileListings: '[sessionId+path], sessionId',
		fileContents: '[sessionId+path], sessionId'
	});
	// Additive: the saved search index, so a cold start loads it instead of rebuilding.
	db.version(3).stores({ searchIndex: 'key' });
	// Additive: the Git panel's offline copies.
	db.version(4).stores({ gitViews: '[sessionId+key], sessionId' });
}

/**
 * The rows the UI reads and writes (sessions, messages, drafts, screen, file cache), without Yjs. Its
 * `docs` rows are names only: Y.Docs come from the docs layer's own connection to the same database,
 * whose writes reach this one's live queries (Dexie signals changes per database name).
 */
export function openRowsDb(name: string = DB_NAME): RunnerDb {
	const db = new Dexie(name) as RunnerDb;
	declareTables(db, PLAIN_DOCS_TABLE);
	return db;
}
