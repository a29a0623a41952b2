// Checkpoints of a session's files, one mechanism for both engines: the runner snapshots the folder just
// before and just after each turn (snapshots.ts), so a turn's changes are exactly the difference of its
// two snapshots, whatever made them (our tools, Claude Code's Write/Edit, a Bash command). Rewinding to
// before a prompt restores every file that prompt's turn and all later turns changed to its before
// snapshot (created files removed); the folder as it was just before the rewind is itself a snapshot,
// which "Undo rewind" restores. The stream records both as system messages. Snapshots, rewinds and
// turns' before snapshots take the folder's lock, and a rewind is refused while a turn runs.
import { cp, lstat, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import type { Message } from '../../../src/lib/core/model';
import { rewindText, undoText, type Rewind } from '../../../src/lib/core/rewind';
import { runningPrompt } from '../../../src/lib/core/turns';
import { appendMessage, findMessage, listMessages, patchMessage } from '../../../src/lib/core/ydoc';
import { withFileLock } from '../workspace/locks';
import { guardPath } from '../workspace/pathGuard';
import type { Failure } from '../workspace/result';
import { openSnapshots, type SnapshotStore } from './snapshots';

export type CheckpointFailure = {
	ok: false;
	reason: 'turn-running' | 'no-checkpoint' | 'not-found' | 'already-undone' | 'changed-since' | 'outside-workspace';
	message: string;
};

export interface SessionFolder {
	tenant: string;
	sessionId: string;
	/** The session's real working folder. */
	root: string;
}

const turnRef = (promptId: string, when: 'before' | 'after') => `refs/turns/${promptId}/${when}`;
const rewindRef = (id: string, when: 'before' | 'after' | 'undo' = 'before') => `refs/rewinds/${id}/${when}`;

export class Checkpoints {
	readonly #stores = new Map<string, Promise<SnapshotStore>>();

	constructor(private readonly dataDir: string) {}

	#gitDir({ tenant, sessionId }: SessionFolder): string {
		return path.resolve(this.dataDir, 'checkpoints', tenant, `${sessionId}.git`);
	}

	#store(folder: SessionFolder): Promise<SnapshotStore> {
		const { root } = folder;
		const gitDir = this.#gitDir(folder);
		const key = `${gitDir}\0${root}`;
		let store = this.#stores.get(key);
		if (!store) {
			store = openSnapshots(gitDir, root);
			store.catch(() => this.#stores.delete(key));
			this.#stores.set(key, store);
		}
		return store;
	}

	/** Records the folder before or after a prompt's turn. */
	async turn(folder: SessionFolder, promptId: string, when: 'before' | 'after'): Promise<void> {
		const store = await this.#store(folder);
		await withFileLock(folder.root, () => store.snapshot(turnRef(promptId, when)));
	}

	/** Restores the files changed by `promptId`'s turn and every later one to before it, and records that in the stream. */
	async rewind(doc: Y.Doc, folder: SessionFolder, promptId: string, now = Date.now()): Promise<{ ok: true; rewind: Rewind } | CheckpointFailure> {
		const store = await this.#store(folder);
		return withFileLock(folder.root, async () => {
			const messages = listMessages(doc, folder.sessionId);
			const at = messages.findIndex((m) => m.id === promptId && m.kind === 'user');
			if (at < 0) return refuse('not-found', 'That message is not a prompt of this session.');
			if (runningPrompt(messages)) return busy();
			const target = await store.resolve(turnRef(promptId, 'before'));
			if (!target) return refuse('no-checkpoint', 'This prompt has no checkpoint: it has not run yet, or ran before checkpoints were kept.');
			const id = newId();
			const current = await store.snapshot(rewindRef(id));
			const files = await changedSince(store, messages.slice(at), current);
			const restored = await restore(store, folder.root, target, files);
			if (!restored.ok) return restored;
			await store.snapshot(rewindRef(id, 'after'));
			const rewind: Rewind = { id, promptId, files };
			appendMessage(doc, { id: newId(), kind: 'system', text: rewindText(messages[at].text, files), state: 'done', createdAt: now, meta: { rewind } });
			return { ok: true as const, rewind };
		});
	}

	/**
	 * Makes `target` (a fork's own folder, not existing yet) a copy of the session's folder with the files
	 * as they were before `promptId`: the folder is copied as it is (ignored files too), then the files
	 * that prompt's turn and later ones changed are restored in the copy, as a rewind would. Without a
	 * checkpoint for that prompt the copy is of the files as they are now. Returns the files restored.
	 */
	async copyBefore(doc: Y.Doc, folder: SessionFolder, promptId: string, target: string): Promise<string[]> {
		const store = await this.#store(folder);
		return withFileLock(folder.root, async () => {
			const id = newId();
			const copy = `${target}.forking-${id}`;
			await mkdir(path.dirname(target), { recursive: true });
			await cp(folder.root, copy, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
			try {
				const before = await store.resolve(turnRef(promptId, 'before'));
				const messages = listMessages(doc, folder.sessionId);
				const at = messages.findIndex((m) => m.id === promptId);
				let files: string[] = [];
				if (before && at >= 0) {
					files = await changedSince(store, messages.slice(at), await store.snapshot(`refs/forks/${id}`));
					const index = path.join(this.#gitDir(folder), `fork-${id}.index`);
					const inCopy = await openSnapshots(this.#gitDir(folder), copy, index);
					const restored = await restore(inCopy, copy, before, files);
					await rm(index, { force: true });
					if (!restored.ok) throw new Error(restored.message);
				}
				await rename(copy, target);
				return files;
			} catch (error) {
				await rm(copy, { recursive: true, force: true });
				throw error;
			}
		});
	}

	/** Puts the files a rewind touched back as they were just before it. */
	async undo(doc: Y.Doc, folder: SessionFolder, rewindId: string, now = Date.now()): Promise<{ ok: true; files: string[] } | CheckpointFailure> {
		const store = await this.#store(folder);
		return withFileLock(folder.root, async () => {
			const messages = listMessages(doc, folder.sessionId);
			if (runningPrompt(messages)) return busy();
			const recorded = messages.find((m) => m.meta.rewind?.id === rewindId);
			const rewind = recorded?.meta.rewind;
			const before = await store.resolve(rewindRef(rewindId));
			if (!recorded || !rewind || !before) return refuse('not-found', 'There is no such rewind in this session.');
			if (rewind.undoneAt !== undefined) return refuse('already-undone', 'This rewind was already undone.');
			const after = await store.resolve(rewindRef(rewindId, 'after'));
			if (!after) return refuse('not-found', 'There is no such rewind in this session.');
			// The files come from the checkpoints, never from the document (any device can write there).
			const files = await store.changed(before, after);
			// Undoing puts those files back whole: refused when any changed since, so later work is never overwritten.
			const current = await store.snapshot(rewindRef(rewindId, 'undo'));
			const since = (await store.changed(after, current)).filter((f) => files.includes(f));
			if (since.length > 0) return refuse('changed-since', `${since.join(', ')} changed since the rewind; undoing it would overwrite that. Rewind to before the prompt that changed them first, or edit by hand.`);
			const restored = await restore(store, folder.root, before, files);
			if (!restored.ok) return restored;
			const ymap = findMessage(doc, recorded.id);
			const undone = { ...rewind, undoneAt: now };
			doc.transact(() => {
				if (ymap) patchMessage(ymap, { meta: { rewind: undone } }, now);
				appendMessage(doc, { id: newId(), kind: 'system', text: undoText(files), state: 'done', createdAt: now, meta: { rewind: { ...undone, files, undo: true } } });
			});
			return { ok: true as const, files };
		});
	}
}

/**
 * The files the turns of `prompts` changed: each turn's before snapshot against its after one (or the
 * next turn's before, or `current`), sorted.
 */
async function changedSince(store: SnapshotStore, messages: Message[], current: string): Promise<string[]> {
	const prompts = messages.filter((m) => m.kind === 'user');
	const befores = await Promise.all(prompts.map((m) => store.resolve(turnRef(m.id, 'before'))));
	const changed = new Set<string>();
	for (const [i, prompt] of prompts.entries()) {
		const from = befores[i];
		if (!from) continue;
		const to = (await store.resolve(turnRef(prompt.id, 'after'))) ?? befores.slice(i + 1).find((b) => b !== undefined) ?? current;
		for (const file of await store.changed(from, to)) changed.add(file);
	}
	return [...changed].sort();
}

const refuse = (reason: CheckpointFailure['reason'], message: string): CheckpointFailure => ({ ok: false, reason, message });
const busy = () => refuse('turn-running', 'A turn is running in this session: stop it or let it finish, then rewind.');

/**
 * Writes `files` as they are in `commit`: first removes those it lacks, then checks out the rest. Every
 * path's folder must resolve inside the session's folder (a folder replaced by a symbolic link that
 * leads out is refused before anything changes), unless that folder is itself one being removed.
 */
async function restore(store: SnapshotStore, root: string, commit: string, files: string[]): Promise<{ ok: true } | CheckpointFailure> {
	const kept = await store.present(commit, files);
	const gone = new Set(files.filter((f) => !kept.has(f)));
	for (const file of files) {
		// Git never records such paths; the check keeps a bad one from reaching rm below.
		const segments = file.split('/');
		if (file.startsWith('/') || segments.some((seg) => seg === '' || seg === '.' || seg === '..')) {
			return outside(file, { ok: false, reason: 'invalid-path', message: 'It is not a path inside the folder.' });
		}
		const parent = path.posix.dirname(file);
		if (parent === '.' || ancestors(parent).some((a) => gone.has(a))) continue;
		const guarded = await guardPath(root, parent, { create: true });
		if (!guarded.ok) return outside(file, guarded);
	}
	for (const file of gone) {
		// The entry itself is removed, never what a symbolic link there points at.
		const abs = path.join(root, file);
		if (await lstat(abs).catch(() => null)) await rm(abs, { recursive: true, force: true });
		// Folders the removed file was alone in go too (one created with it, or one a restored file replaces).
		for (const dir of ancestors(path.posix.dirname(file)).reverse()) {
			if (dir === '.' || !(await rmdir(path.join(root, dir)).then(() => true, () => false))) break;
		}
	}
	await store.checkout(commit, [...kept]);
	return { ok: true };
}

const ancestors = (dir: string) => dir.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));

function outside(file: string, failure: Failure): CheckpointFailure {
	return refuse('outside-workspace', `${file} cannot be restored: ${failure.message} Nothing was changed.`);
}
