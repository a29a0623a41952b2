// The device's documents: a registry of loaded Y.Docs, each mirrored into Dexie while it is open.
// The index doc stays open for the app's lifetime; session docs are opened by whoever needs them.
import type * as Y from 'yjs';
import { INDEX_DOC, parseDocName } from '$lib/core/docnames';
import type { RunnerDb } from '$lib/db/schema';
import type { Batch } from './batch';
import { mirrorIndex } from './mirror-index';
import { mirrorSession } from './mirror-session';
import { createDocRegistry, type DocRegistry } from './registry';

export interface LocalDocs {
	readonly db: RunnerDb;
	readonly registry: DocRegistry;
	/** Opens the index doc (kept open until `close`). */
	start(): Promise<Y.Doc>;
	index(): Promise<Y.Doc>;
	/** Resolves once every mirror has written what its doc holds now. */
	settled(): Promise<void>;
	close(): void;
}

export interface LocalDocsOptions {
	mirrorDelayMs?: number;
	/**
	 * The connection y-dexie keeps the Y.Docs through, when the rows go through another one (the app's
	 * first screen opens the database without Yjs); by default `db` itself. Rows are written through `db`,
	 * so the UI's live queries on it see every mirror write.
	 */
	docsDb?: RunnerDb;
	/** Told how many entries of the index this version could not read (left out of the list). */
	onUnreadable?: (count: number) => void;
}

export function createLocalDocs(db: RunnerDb, options: LocalDocsOptions = {}): LocalDocs {
	const registry = createDocRegistry(options.docsDb ?? db);
	const mirrors = new Set<Batch>();
	let indexDoc: Promise<Y.Doc> | null = null;

	const unlisten = registry.listen({
		opened(name, doc) {
			const parsed = parseDocName(name);
			if (!parsed) return;
			const mirror =
				parsed.kind === 'index'
					? mirrorIndex(db, doc, options.mirrorDelayMs, options.onUnreadable)
					: mirrorSession(db, name, parsed.sessionId, doc, options.mirrorDelayMs);
			mirrors.add(mirror);
			return () => {
				mirrors.delete(mirror);
				mirror.stop();
			};
		}
	});

	const start = () => (indexDoc ??= registry.open(INDEX_DOC));

	return {
		db,
		registry,
		start,
		index: start,
		async settled() {
			await Promise.all([...mirrors].map((m) => m.settled()));
		},
		close() {
			if (indexDoc) registry.release(INDEX_DOC);
			indexDoc = null;
			unlisten();
		}
	};
}
