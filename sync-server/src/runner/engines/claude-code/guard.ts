// Claude Code's file tools pass through our path guard as well as Claude Code's own rules: a path
// outside the session's folder is refused before anything runs. Write, Edit and MultiEdit are
// bracketed (text before the call, text after its result) so their diff is recorded like our own tools'.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from '../../../../../src/lib/core/tools';
import { fileChange } from '../../../workspace/diff';
import { guardPath } from '../../../workspace/pathGuard';

/** Tools that change a file, with the input field naming it. */
export const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
const PATH_FIELDS = ['file_path', 'notebook_path', 'path'] as const;

/** The file or folder a tool call names, if any. */
export function toolPath(input: unknown): string | undefined {
	const fields = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	for (const field of PATH_FIELDS) if (typeof fields[field] === 'string' && fields[field]) return fields[field] as string;
	return undefined;
}

export type Guarded = { ok: true; abs: string; rel: string } | { ok: false; message: string };

/** Resolves a path Claude Code gave (absolute, or relative to the folder) inside `root`, or refuses it. */
export async function guardToolPath(root: string, given: string): Promise<Guarded> {
	const rel = path.isAbsolute(given) ? path.relative(root, given) : given;
	if (rel === '') return { ok: true, abs: root, rel: '.' };
	const guarded = await guardPath(root, rel.split(path.sep).join('/'), { create: true });
	if (!guarded.ok) return { ok: false, message: `${given} is outside this session's working folder, or not allowed: ${guarded.message}` };
	return { ok: true, abs: guarded.abs, rel: guarded.rel };
}

async function textOf(abs: string): Promise<string | null> {
	try {
		return await readFile(abs, 'utf8');
	} catch {
		return null;
	}
}

/** Texts of files before edit tools ran, by tool use id, until their results arrive. */
export class EditBrackets {
	readonly #before = new Map<string, { abs: string; rel: string; text: string | null }>();

	async open(toolUseId: string, guarded: { abs: string; rel: string }): Promise<void> {
		this.#before.set(toolUseId, { ...guarded, text: await textOf(guarded.abs) });
	}

	/** The change a finished call made; none when the file is unchanged or the call was never bracketed. */
	async close(toolUseId: string): Promise<FileChange[]> {
		const before = this.#before.get(toolUseId);
		this.#before.delete(toolUseId);
		if (!before) return [];
		const after = await textOf(before.abs);
		if (after === null || after === before.text) return [];
		return [await fileChange(before.rel, before.text, after)];
	}
}
