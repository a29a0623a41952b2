// The shared step of write and edit: under the file's lock, read what is there, compute the new text, replace it, record the diff.
import { fileChange } from './diff';
import { readGuardedFile, writeGuardedFile } from './fileio';
import { withFileLock } from './locks';
import { guardPath } from './pathGuard';
import { fail, type Failure, type ToolResult } from './result';

/** Returns the new text for the current one (null when the file does not exist), or a refusal. */
export type Transform = (before: string | null, rel: string) => string | Failure;

export async function changeFile(root: string, input: string, transform: Transform, mustExist: boolean): Promise<ToolResult> {
	const guarded = await guardPath(root, input, { create: !mustExist });
	if (!guarded.ok) return guarded;
	const { abs, rel } = guarded;
	if (guarded.stats?.isDirectory()) return fail('not-a-file', `${rel} is a folder, not a file.`);
	return withFileLock(abs, async () => {
		let before: string | null = null;
		let mode: number | undefined;
		if (guarded.stats) {
			const file = await readGuardedFile(abs, rel);
			if (!file.ok) return file;
			if (file.text === null) return fail('binary-file', `${rel} is a binary file; it is not changed as text.`);
			before = file.text;
			mode = file.mode;
		}
		const after = transform(before, rel);
		if (typeof after !== 'string') return after;
		if (after === before) return { ok: true, content: `${rel} already has this content; nothing changed.`, changes: [] };
		const written = await writeGuardedFile(abs, rel, after, mode);
		if (!written.ok) return written;
		const lines = after === '' ? 0 : after.split('\n').length - (after.endsWith('\n') ? 1 : 0);
		const verb = before === null ? 'Created' : 'Updated';
		return { ok: true, content: `${verb} ${rel} (${lines} lines).`, changes: [await fileChange(rel, before, after)] };
	});
}
