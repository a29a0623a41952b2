// The device's search: one index over every mirrored message and session title, loaded from its saved
// copy (or built once from the Dexie mirror), then kept current from this tab's own writes (the change
// feed) and, for writes made elsewhere (another tab), by comparing each session's mirrored state vector
// with the one its indexed rows reflect. Saved after changes settle, so a cold start loads, not rebuilds.
import MiniSearch from 'minisearch';
import { parseDocName } from '$lib/core/docnames';
import { sameBytes } from '$lib/docs/bytes';
import type { TableChange } from '$lib/db/change-feed';
import { messagesFrom } from '$lib/db/messages';
import type { MessageRow, MirrorRow, RunnerDb } from '$lib/db/schema';
import type { Session } from '$lib/core/model';
import { folderRelative, messageDoc, titleDoc } from './documents';
import { createIndex, drop, loadIndex, query, upsert, type Hit, type SearchIndex } from './engine';
import { highlight, type Part } from './highlight';

export const RESULT_LIMIT = 50;
const SAVE_AFTER_MS = 5_000;

export interface SearchResult extends Hit {
	sessionTitle: string;
	parts: Part[];
}

export interface SearchService {
	search(text: string, sessionId?: string): Promise<SearchResult[]>;
	/** Brings the index up to date with writes this tab did not see. */
	catchUp(): Promise<void>;
	save(): Promise<void>;
	readonly size: number;
	close(): void;
}

export async function openSearch(db: RunnerDb, now = Date.now): Promise<SearchService> {
	const saved = await db.searchIndex.get('messages');
	let index: SearchIndex = createIndex();
	const vectors = new Map<string, Uint8Array>();
	const titles = new Map<string, string>();
	if (saved) {
		try {
			index = loadIndex(saved.json);
			for (const [name, vector] of Object.entries(saved.vectors)) vectors.set(name, vector);
			for (const [id, title] of Object.entries(saved.titles)) titles.set(id, title);
		} catch (error) {
			// A copy this version cannot read is rebuilt from the mirror.
			console.error('search-index-unreadable', error);
		}
	}
	let saveTimer: ReturnType<typeof setTimeout> | undefined;
	let catching: Promise<void> | null = null;
	let again = false;
	/** Whether the index changed since it was last saved. */
	let unsaved = !saved;

	const indexRow = (row: MessageRow) => {
		upsert(index, messageDoc(row));
		unsaved = true;
	};
	const indexTitle = (session: Pick<Session, 'id' | 'title'>) => {
		if (titles.get(session.id) === session.title) return;
		titles.set(session.id, session.title);
		upsert(index, titleDoc(session));
		unsaved = true;
	};

	function dropSession(sessionId: string) {
		const ids = index.search(MiniSearch.wildcard, { filter: (r) => r.sessionId === sessionId }).map((r) => r.id);
		for (const id of ids) drop(index, id);
		titles.delete(sessionId);
		unsaved = true;
	}

	function scheduleSave() {
		clearTimeout(saveTimer);
		if (unsaved) saveTimer = setTimeout(() => void save().catch((error) => console.error('search-save-failed', error)), SAVE_AFTER_MS);
	}

	async function save() {
		clearTimeout(saveTimer);
		if (!unsaved) return;
		unsaved = false;
		await db.searchIndex.put({ key: 'messages', json: JSON.stringify(index), vectors: Object.fromEntries(vectors), titles: Object.fromEntries(titles), savedAt: now() });
	}

	async function reindexSession(sessionId: string, mirrored: MirrorRow) {
		// Rows and state vector from one read, so the vector describes exactly the rows indexed.
		const rows = await db.transaction('r', db.messages, db.mirror, () => messagesFrom(db, sessionId, 0));
		for (const row of rows) indexRow(row);
		vectors.set(mirrored.name, mirrored.stateVector);
	}

	async function catchUpOnce() {
		const mirrors = await db.mirror.toArray();
		const present = new Set<string>();
		for (const mirrored of mirrors) {
			const parsed = parseDocName(mirrored.name);
			if (parsed?.kind !== 'session') continue;
			present.add(mirrored.name);
			const known = vectors.get(mirrored.name);
			if (!known || !sameBytes(known, mirrored.stateVector)) await reindexSession(parsed.sessionId, mirrored);
		}
		const sessions = await db.sessions.toArray();
		const live = new Set(sessions.map((s) => s.id));
		for (const name of [...vectors.keys()].filter((n) => !present.has(n))) {
			const parsed = parseDocName(name);
			if (parsed?.kind === 'session') dropSession(parsed.sessionId);
			vectors.delete(name);
		}
		for (const id of [...titles.keys()].filter((id) => !live.has(id))) dropSession(id);
		for (const session of sessions) indexTitle(session);
	}

	async function catchUp() {
		if (catching) {
			again = true;
			return catching;
		}
		catching = (async () => {
			do {
				again = false;
				await catchUpOnce();
			} while (again);
		})().finally(() => (catching = null));
		await catching;
	}

	function apply(change: TableChange) {
		if (change.type === 'unknown') return void catchUp().then(scheduleSave);
		if (change.table === 'messages') {
			if (change.type === 'put') for (const row of change.values as MessageRow[]) indexRow(row);
			else for (const id of change.keys) drop(index, String(id));
			unsaved = true;
		} else if (change.table === 'sessions') {
			if (change.type === 'put') for (const session of change.values as Session[]) indexTitle(session);
			else for (const id of change.keys) dropSession(String(id));
		} else if (change.table === 'mirror') {
			// This tab's mirror wrote these rows and this vector in one transaction, and the feed saw the rows.
			if (change.type === 'put') for (const row of change.values as MirrorRow[]) vectors.set(row.name, row.stateVector);
			else for (const name of change.keys) vectors.delete(String(name));
			unsaved = true;
		}
		scheduleSave();
	}

	const unsubscribe = db.changes.subscribe(apply);
	// Searchable now; the saved copy is written in the background.
	await catchUp();
	save().catch((error) => console.error('search-save-failed', error));

	return {
		async search(text, sessionId) {
			const hits = query(index, text, RESULT_LIMIT, sessionId);
			const sessionIds = [...new Set(hits.map((h) => h.sessionId))];
			// Both reads at once: a keystroke waits for the slower of them, not their sum.
			const [rows, found] = await Promise.all([db.messages.bulkGet(hits.map((h) => h.id)), db.sessions.bulkGet(sessionIds)]);
			const sessions = new Map(found.map((s, i) => [sessionIds[i]!, s]));
			return hits.map((hit, i) => {
				const row = rows[i];
				const doc = row && messageDoc(row);
				const shown = hit.kind === 'title' ? (titles.get(hit.sessionId) ?? '') : doc ? folderRelative(`${doc.text}\n${doc.paths}`.trim(), sessions.get(hit.sessionId)) : '';
				return { ...hit, sessionTitle: titles.get(hit.sessionId) ?? '', parts: highlight(shown, hit.terms) };
			});
		},
		catchUp: () => catchUp().then(scheduleSave),
		save,
		get size() {
			return index.documentCount;
		},
		close() {
			unsubscribe();
			clearTimeout(saveTimer);
		}
	};
}
