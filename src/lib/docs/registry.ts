// The one place that hands out loaded Y.Docs by name: ref-counted, persisted by y-dexie, framework-free.
// Listeners see each document open and close, so a mirror (now) or a WebsocketProvider (later) can
// attach to the very instance every writer uses.
import { DexieYProvider } from 'y-dexie';
import type * as Y from 'yjs';
import { DOCS_TABLE, DOC_UPDATES_TABLE } from '$lib/db/names';
import type { RunnerDb } from '$lib/db/schema';

export interface DocListener {
	/** Called once per load, after the stored updates were applied. May return a cleanup. */
	opened(name: string, doc: Y.Doc): (() => void) | void;
}

export interface DocRegistry {
	open(name: string): Promise<Y.Doc>;
	release(name: string): void;
	/** Drops a document from this device: its updates and its row; an open instance is destroyed. */
	forget(name: string): Promise<void>;
	listen(listener: DocListener): () => void;
	/** Names of the documents open now. */
	openNames(): string[];
}

interface Entry {
	refs: number;
	ready: Promise<Y.Doc>;
	cleanups: Map<DocListener, () => void>;
}

export function createDocRegistry(db: RunnerDb): DocRegistry {
	const entries = new Map<string, Entry>();
	const listeners = new Set<DocListener>();

	const attach = (name: string, doc: Y.Doc, entry: Entry, listener: DocListener) => {
		const cleanup = listener.opened(name, doc);
		if (cleanup) entry.cleanups.set(listener, cleanup);
	};

	async function load(name: string, entry: Entry): Promise<Y.Doc> {
		// y-dexie destroys a doc whose parent row is missing, so the row exists before loading.
		await db.transaction('rw', db.docs, async () => {
			if ((await db.docs.get(name)) === undefined) await db.docs.add({ name });
		});
		const doc = DexieYProvider.getOrCreateDocument(db, DOCS_TABLE, 'doc', name);
		await DexieYProvider.load(doc).whenLoaded;
		for (const listener of listeners) attach(name, doc, entry, listener);
		return doc;
	}

	function close(name: string, entry: Entry) {
		if (entries.get(name) === entry) entries.delete(name);
		entry.ready.then(
			(doc) => {
				for (const cleanup of entry.cleanups.values()) cleanup();
				entry.cleanups.clear();
				DexieYProvider.release(doc);
			},
			() => undefined
		);
	}

	return {
		open(name) {
			const existing = entries.get(name);
			if (existing) {
				existing.refs++;
				return existing.ready;
			}
			const entry = { refs: 1, cleanups: new Map() } as Entry;
			entry.ready = load(name, entry);
			entries.set(name, entry);
			entry.ready.catch(() => close(name, entry));
			return entry.ready;
		},
		release(name) {
			const entry = entries.get(name);
			if (!entry) return;
			if (--entry.refs <= 0) close(name, entry);
		},
		async forget(name) {
			const entry = entries.get(name);
			if (entry) {
				entry.refs = 0;
				close(name, entry);
				await entry.ready.catch(() => undefined);
			}
			await db.transaction('rw', [db.docs, db.table(DOC_UPDATES_TABLE)], async () => {
				await db.table(DOC_UPDATES_TABLE).where('k').equals(name).delete();
				await db.docs.delete(name);
			});
		},
		listen(listener) {
			listeners.add(listener);
			for (const [name, entry] of entries) {
				entry.ready.then((doc) => entries.get(name) === entry && attach(name, doc, entry, listener), () => undefined);
			}
			return () => {
				listeners.delete(listener);
				for (const entry of entries.values()) {
					entry.cleanups.get(listener)?.();
					entry.cleanups.delete(listener);
				}
			};
		},
		openNames: () => [...entries.keys()]
	};
}
