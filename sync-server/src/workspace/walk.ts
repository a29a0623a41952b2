// Walks a folder of the workspace in a stable order without following symlinks, so a walk never leaves the workspace.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const MAX_WALK_ENTRIES = 200_000;
/** Folders a walk skips unless asked for by name: large, generated, rarely what the model looks for. */
export const SKIPPED_DIRS: readonly string[] = ['.git', 'node_modules'];

export interface WalkOptions {
	signal: AbortSignal;
	/** Folder names to skip. */
	skip?: readonly string[];
	maxEntries?: number;
}

/** Calls `visit` for each regular file below `abs` (rel is workspace-relative); stops when it returns false. */
export async function walkFiles(
	abs: string,
	rel: string,
	visit: (file: { abs: string; rel: string }) => Promise<boolean | void> | boolean | void,
	options: WalkOptions
): Promise<{ truncated: boolean; aborted: boolean }> {
	const skip = new Set(options.skip ?? SKIPPED_DIRS);
	const max = options.maxEntries ?? MAX_WALK_ENTRIES;
	const stack: { abs: string; rel: string }[] = [{ abs, rel }];
	let seen = 0;
	while (stack.length > 0) {
		if (options.signal.aborted) return { truncated: false, aborted: true };
		const dir = stack.pop()!;
		const entries = await readdir(dir.abs, { withFileTypes: true }).catch(() => []);
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const subdirs: { abs: string; rel: string }[] = [];
		for (const entry of entries) {
			if (++seen > max) return { truncated: true, aborted: false };
			const child = { abs: path.join(dir.abs, entry.name), rel: dir.rel === '.' ? entry.name : `${dir.rel}/${entry.name}` };
			if (entry.isDirectory() && !skip.has(entry.name)) subdirs.push(child);
			else if (entry.isFile() && (await visit(child)) === false) return { truncated: true, aborted: false };
		}
		// Reversed onto the stack so the first folder by name is walked first.
		stack.push(...subdirs.reverse());
	}
	return { truncated: false, aborted: false };
}
