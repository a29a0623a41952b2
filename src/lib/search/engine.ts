// The search index: MiniSearch, chosen over FlexSearch because it serialises to one JSON string and loads
// it back (a cold start skips the rebuild), updates one document in place (`replace`/`discard`, for
// streaming replies), ranks with BM25 and says which terms matched (for highlighting), ships its own
// TypeScript types, and is small (about 7 KB gzipped, loaded with the search dialog only).
import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchDoc } from './documents';

const OPTIONS = {
	fields: ['title', 'text', 'paths'],
	storeFields: ['sessionId', 'kind', 'seq'],
	searchOptions: {
		boost: { title: 3, paths: 1.5 },
		combineWith: 'AND',
		// The word being typed matches as a prefix from its third letter: a two-letter prefix expands to so many
		// words that its query cost most of a keystroke's time at 100,000 messages (bench/search.ts).
		prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 3
	}
} as const;

export type SearchIndex = MiniSearch<SearchDoc>;

export function createIndex(): SearchIndex {
	return new MiniSearch<SearchDoc>({ ...OPTIONS, fields: [...OPTIONS.fields], storeFields: [...OPTIONS.storeFields] });
}

export function loadIndex(json: string): SearchIndex {
	return MiniSearch.loadJSON<SearchDoc>(json, { ...OPTIONS, fields: [...OPTIONS.fields], storeFields: [...OPTIONS.storeFields] });
}

/** Adds or replaces a document. */
export function upsert(index: SearchIndex, doc: SearchDoc): void {
	if (index.has(doc.id)) index.replace(doc);
	else index.add(doc);
}

export function drop(index: SearchIndex, id: string): void {
	if (index.has(id)) index.discard(id);
}

export interface Hit {
	id: string;
	sessionId: string;
	kind: SearchDoc['kind'];
	seq: number;
	score: number;
	/** The words of the document that matched, for highlighting. */
	terms: string[];
}

const toHit = (r: SearchResult): Hit => ({
	id: String(r.id),
	sessionId: r.sessionId as string,
	kind: r.kind as Hit['kind'],
	seq: r.seq as number,
	score: r.score,
	terms: r.terms
});

/** Best first; `sessionId` keeps to one session. A last word of one letter (being typed) waits for the next. */
export function query(index: SearchIndex, text: string, limit: number, sessionId?: string): Hit[] {
	const words = text.trim().split(/\s+/);
	const asked = words.length > 1 && words.at(-1)!.length === 1 ? words.slice(0, -1).join(' ') : text;
	const filter = sessionId ? (r: SearchResult) => r.sessionId === sessionId : undefined;
	let results = index.search(asked, { filter });
	// Typos are forgiven only when nothing matches as typed: fuzzy matching costs twenty times more.
	if (results.length === 0) results = index.search(asked, { filter, fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false) });
	return results.slice(0, limit).map(toHit);
}
