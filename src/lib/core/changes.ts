// The file changes a session's tools made, as the session stores them (bounded, so one large file
// does not bloat a document every device syncs) and as the "Changes" panel lists them.
import { diffLines } from 'diff';
import type { Message, RecordedChange } from './model';
import type { FileChange } from './tools';

/** Larger before/after texts are dropped (the patch still shows the change). */
export const MAX_CHANGE_TEXT_CHARS = 32 * 1024;
/** Larger patches are cut at a line end. */
export const MAX_PATCH_CHARS = 64 * 1024;

function cutPatch(patch: string): string {
	const end = patch.lastIndexOf('\n', MAX_PATCH_CHARS);
	const kept = patch.slice(0, end > 0 ? end + 1 : MAX_PATCH_CHARS);
	return `${kept}\\ The rest of this diff (${patch.length - kept.length} characters) is not stored in the session.\n`;
}

/** Applies the caps; `truncated` names what was dropped or cut. A dropped text is stored as ''. */
export function recordChange(change: FileChange): RecordedChange {
	const truncated: NonNullable<RecordedChange['truncated']> = [];
	const keep = (text: string, which: 'before' | 'after') => {
		if (text.length <= MAX_CHANGE_TEXT_CHARS) return text;
		truncated.push(which);
		return '';
	};
	const before = change.before === null ? null : keep(change.before, 'before');
	const after = keep(change.after, 'after');
	let patch = change.patch;
	if (patch.length > MAX_PATCH_CHARS) {
		truncated.push('patch');
		patch = cutPatch(patch);
	}
	return { path: change.path, before, after, patch, ...(truncated.length ? { truncated } : {}) };
}

/** One tool call's change to a file. */
export interface FileEdit {
	/** The tool_result message that recorded it. */
	messageId: string;
	toolUseId?: string;
	toolName?: string;
	at: number;
	/** True when this call created the file. */
	created: boolean;
	patch: string;
	added: number;
	removed: number;
	truncated?: RecordedChange['truncated'];
}

export interface ChangedFile {
	path: string;
	/** True when the session's first change to it created it. */
	created: boolean;
	/** Oldest first. */
	edits: FileEdit[];
	added: number;
	removed: number;
	updatedAt: number;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * Lines added and removed by a unified diff, read inside each hunk by its header's counts: a file line
 * that itself starts with "++" or "--" is content, not a file header.
 */
export function countLines(patch: string): { added: number; removed: number } {
	let added = 0;
	let removed = 0;
	let oldLeft = 0;
	let newLeft = 0;
	for (const line of patch.split('\n')) {
		if (oldLeft <= 0 && newLeft <= 0) {
			const hunk = HUNK.exec(line);
			if (hunk) [oldLeft, newLeft] = [Number(hunk[1] ?? 1), Number(hunk[2] ?? 1)];
		} else if (line.startsWith('+')) {
			added++;
			newLeft--;
		} else if (line.startsWith('-')) {
			removed++;
			oldLeft--;
		} else if (line.startsWith(' ') || line === '') {
			oldLeft--;
			newLeft--;
		}
	}
	return { added, removed };
}

/** Every file the session's tools changed, in the order each was first changed, with its per-call patches. */
export function sessionChanges(messages: Message[]): ChangedFile[] {
	const files = new Map<string, ChangedFile>();
	/** The text before a file's first change and after its last; undefined where the session dropped it. */
	const texts = new Map<string, { first: string | null | undefined; last: string | undefined }>();
	for (const m of messages) {
		// Whatever the result's state: a recorded change is on disk (a call stopped after writing still wrote).
		if (m.kind !== 'tool_result' || !m.meta.changes) continue;
		for (const change of m.meta.changes) {
			const { added, removed } = countLines(change.patch);
			const edit: FileEdit = {
				messageId: m.id,
				toolUseId: m.meta.toolUseId,
				toolName: m.meta.toolName,
				at: m.createdAt,
				created: change.before === null,
				patch: change.patch,
				added,
				removed,
				...(change.truncated ? { truncated: change.truncated } : {})
			};
			let file = files.get(change.path);
			if (!file) {
				file = { path: change.path, created: edit.created, edits: [], added: 0, removed: 0, updatedAt: edit.at };
				files.set(change.path, file);
			}
			file.edits.push(edit);
			file.added += added;
			file.removed += removed;
			file.updatedAt = Math.max(file.updatedAt, edit.at);
			const cut = (which: 'before' | 'after') => change.truncated?.includes(which) ?? false;
			const last = cut('after') ? undefined : change.after;
			const ends = texts.get(change.path);
			if (ends) ends.last = last;
			else texts.set(change.path, { first: cut('before') ? undefined : change.before, last });
		}
	}
	// A file changed more than once counts what changed from before the first edit to after the last
	// (a created file edited later is +7 −0, not the sum of its calls); per-call counts stay on each edit.
	for (const file of files.values()) {
		const ends = texts.get(file.path);
		if (file.edits.length < 2 || ends?.first === undefined || ends.last === undefined) continue;
		[file.added, file.removed] = [0, 0];
		for (const part of diffLines(ends.first ?? '', ends.last)) {
			if (part.added) file.added += part.count ?? 0;
			if (part.removed) file.removed += part.count ?? 0;
		}
	}
	return [...files.values()];
}
