// One file open in the panel: its text as last read (from the server, else the device's copy, marked
// stale), the person's edits, and saving with the version it was edited from, so a save never
// overwrites a change made meanwhile (by Claude or another device) without the person choosing to.
import type { RunnerDb } from '$lib/db/schema';
import type { ApiFailure, FilesApi } from './api';
import { cacheContent, cachedContent } from './cache';

export class OpenFile {
	/** The text as read or last saved; null until loaded, and for a binary file. */
	text = $state.raw<string | null>(null);
	version = $state.raw<string | null>(null);
	binary = $state(false);
	size = $state(0);
	loaded = $state(false);
	stale = $state(false);
	fetchedAt = $state<number | null>(null);
	/** What the person typed; null while it equals the text. */
	draft = $state.raw<string | null>(null);
	/** Counts replacements of `text` from outside the editor (load, reload), so the editor takes them. */
	revision = $state(0);
	saving = $state(false);
	savedAt = $state<number | null>(null);
	/** The file changed since it was read; the save did not happen. */
	conflict = $state.raw<string | null>(null);
	problem = $state.raw<ApiFailure | null>(null);
	readonly dirty: boolean;

	constructor(
		private readonly api: FilesApi,
		private readonly db: RunnerDb,
		readonly sessionId: string,
		readonly path: string,
		private readonly now: () => number = Date.now
	) {
		this.dirty = $derived(this.draft !== null && this.draft !== this.text);
	}

	edit(text: string): void {
		this.draft = text === this.text ? null : text;
	}

	/** Reads the file; the person's unsaved edits are dropped (callers ask first). */
	async load(): Promise<void> {
		if (!this.loaded) {
			const copy = await cachedContent(this.db, this.sessionId, this.path);
			if (copy && !this.loaded) {
				this.#take(copy.text, copy.version, copy.size, copy.fetchedAt);
				this.stale = true;
			}
		}
		const result = await this.api.read(this.sessionId, this.path);
		if (!result.ok) {
			this.problem = result;
			this.stale = this.loaded;
			return;
		}
		const at = this.now();
		const content = result.value;
		this.#take(content.binary ? null : content.text, content.version, content.size, at);
		this.stale = false;
		this.problem = null;
		this.conflict = null;
		await cacheContent(this.db, this.sessionId, content, at);
	}

	/** Saves the edits over the version they were made from. */
	async save(): Promise<boolean> {
		return this.#write(this.version);
	}

	/** After a conflict: saves the edits over whatever the file holds now. */
	async overwrite(): Promise<boolean> {
		const current = await this.api.read(this.sessionId, this.path);
		if (!current.ok && current.reason !== 'not-found') {
			this.problem = current;
			return false;
		}
		return this.#write(current.ok ? current.value.version : null);
	}

	async #write(baseVersion: string | null): Promise<boolean> {
		const text = this.draft ?? this.text;
		if (text === null || this.saving) return false;
		this.saving = true;
		try {
			const result = await this.api.save(this.sessionId, this.path, text, baseVersion);
			if (!result.ok) {
				if (result.reason === 'file-changed') this.conflict = result.message;
				else this.problem = result;
				return false;
			}
			const at = this.now();
			this.text = text;
			this.version = result.value.version;
			this.size = result.value.size;
			this.fetchedAt = at;
			this.savedAt = at;
			this.stale = false;
			this.conflict = null;
			this.problem = null;
			// Edits typed while the save was on its way stay a draft.
			if (this.draft === text) this.draft = null;
			await cacheContent(this.db, this.sessionId, { path: this.path, text, version: result.value.version, size: result.value.size }, at);
			return true;
		} finally {
			this.saving = false;
		}
	}

	#take(text: string | null, version: string, size: number, fetchedAt: number) {
		this.text = text;
		this.binary = text === null;
		this.version = version;
		this.size = size;
		this.fetchedAt = fetchedAt;
		this.draft = null;
		this.loaded = true;
		this.revision++;
	}
}
