// The file tree of one session: folders load lazily as they are opened, from the device's copy first
// (so it shows at once and offline) and then from the server; a failed fetch keeps the copy, marked stale.
import type { RunnerDb } from '$lib/db/schema';
import type { ApiFailure, Entry, FilesApi } from './api';
import { cachedListing, cacheListing } from './cache';
import { visibleRows, type TreeRow } from './tree-rows';

export interface FolderView {
	entries: Entry[];
	truncated: boolean;
	fetchedAt: number;
	/** Read from the device's copy and not confirmed by the server since. */
	stale: boolean;
}

export class FileTree {
	folders = $state.raw<Record<string, FolderView>>({});
	expanded = $state.raw<ReadonlySet<string>>(new Set());
	/** Why the last fetch failed, until one succeeds. */
	problem = $state.raw<ApiFailure | null>(null);
	loading = $state(false);
	readonly rows: TreeRow[];
	readonly stale: boolean;

	constructor(
		private readonly api: FilesApi,
		private readonly db: RunnerDb,
		readonly sessionId: string,
		private readonly now: () => number = Date.now
	) {
		this.rows = $derived(visibleRows(new Map(Object.entries(this.folders).map(([path, view]) => [path, view.entries])), this.expanded));
		this.stale = $derived(Object.values(this.folders).some((f) => f.stale));
	}

	#set(path: string, view: FolderView | undefined) {
		const next = { ...this.folders };
		if (view) next[path] = view;
		else delete next[path];
		this.folders = next;
	}

	async load(path: string): Promise<void> {
		if (!this.folders[path]) {
			const copy = await cachedListing(this.db, this.sessionId, path);
			if (copy && !this.folders[path]) this.#set(path, { entries: copy.entries, truncated: copy.truncated, fetchedAt: copy.fetchedAt, stale: true });
		}
		const result = await this.api.list(this.sessionId, path);
		if (result.ok) {
			const at = this.now();
			this.#set(path, { entries: result.value.entries, truncated: result.value.truncated, fetchedAt: at, stale: false });
			this.problem = null;
			await cacheListing(this.db, this.sessionId, result.value, at);
		} else if (path !== '.' && (result.reason === 'not-found' || result.reason === 'not-a-directory')) {
			// The folder is gone (a tool removed it): close it rather than show what it held.
			this.#set(path, undefined);
			this.collapse(path);
		} else {
			const view = this.folders[path];
			if (view && !view.stale) this.#set(path, { ...view, stale: true });
			this.problem = result;
		}
	}

	/** The root and every open folder, again: after a tool changed files, or on reconnecting. */
	async refresh(): Promise<void> {
		this.loading = true;
		try {
			await Promise.all(['.', ...this.expanded].map((path) => this.load(path)));
		} finally {
			this.loading = false;
		}
	}

	expand(path: string): Promise<void> {
		this.expanded = new Set([...this.expanded, path]);
		return this.load(path);
	}

	collapse(path: string): void {
		if (!this.expanded.has(path)) return;
		this.expanded = new Set([...this.expanded].filter((p) => p !== path && !p.startsWith(`${path}/`)));
	}

	toggle(path: string): Promise<void> | void {
		return this.expanded.has(path) ? this.collapse(path) : this.expand(path);
	}
}
