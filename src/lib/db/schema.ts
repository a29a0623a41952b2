// The device's Dexie database: Y.Doc updates (y-dexie) plus the rows the UI reads, versioned in one place.
import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import type { Message, Session } from '$lib/core/model';
import type { ChangeFeed } from './change-feed';
import { DB_NAME } from './names';
import { declareTables, Y_DOCS_TABLE } from './tables';

/** One row per Yjs document name (`index`, `session/<id>`); y-dexie stores its updates beside it. */
export interface DocRow {
	name: string;
	readonly doc: Y.Doc;
}

/** A message as the mirror wrote it: `seq` is its position in the session doc's array. */
export type MessageRow = Message & { seq: number };

export interface DraftRow {
	sessionId: string;
	text: string;
	updatedAt: number;
}

/** What was on screen, per device: a reload restores it. */
export interface ScreenRow {
	key: 'screen';
	openIds: string[];
	activeId: string | null;
	sessionsPanel: boolean;
}

/** The Yjs state vector the mirrored rows of a document reflect. */
export interface MirrorRow {
	name: string;
	stateVector: Uint8Array;
	/** The index doc's: how many of its entries this version could not read when it was mirrored. */
	unreadable?: number;
	/** The index doc's: the build that mirrored it (another build reads every entry again). */
	appVersion?: string;
}

/** One folder of a session's workspace as last fetched, so the tree reads offline. */
export interface FileListingRow {
	sessionId: string;
	path: string;
	entries: Array<{ name: string; path: string; type: 'file' | 'dir' | 'symlink' | 'other'; size: number; mtime: number }>;
	truncated: boolean;
	fetchedAt: number;
}

/** One file of a session's workspace as last fetched or saved; `text` is null for a binary file. */
export interface FileContentRow {
	sessionId: string;
	path: string;
	text: string | null;
	version: string;
	size: number;
	fetchedAt: number;
}

/** What the Git panel last showed of a session: `status`, or `diff:<side>:<path>` for a diff it opened. */
export interface GitViewRow {
	sessionId: string;
	key: string;
	value: unknown;
	fetchedAt: number;
}

/** The search index as last saved, and the state vector of each session doc whose rows it holds. */
export interface SearchIndexRow {
	key: 'messages';
	json: string;
	vectors: Record<string, Uint8Array>;
	/** The session titles indexed, by session id. */
	titles: Record<string, string>;
	savedAt: number;
}

export type RunnerDb = Dexie & {
	/** This tab's writes to the rows search reads (messages, sessions, mirror). */
	changes: ChangeFeed;
	docs: Table<DocRow, string, { name: string }>;
	sessions: EntityTable<Session, 'id'>;
	messages: EntityTable<MessageRow, 'id'>;
	drafts: EntityTable<DraftRow, 'sessionId'>;
	screen: EntityTable<ScreenRow, 'key'>;
	mirror: EntityTable<MirrorRow, 'name'>;
	fileListings: Table<FileListingRow, [string, string]>;
	fileContents: Table<FileContentRow, [string, string]>;
	gitViews: Table<GitViewRow, [string, string]>;
	searchIndex: EntityTable<SearchIndexRow, 'key'>;
};

/** The device's database with Y.Doc support: the docs layer opens it (see docs/engine.ts), tests too. */
export function openDb(name: string = DB_NAME, options: Pick<DexieOptions, 'cache'> = {}): RunnerDb {
	const db = new Dexie(name, { addons: [yDexie], ...options }) as RunnerDb;
	declareTables(db, Y_DOCS_TABLE);
	return db;
}
