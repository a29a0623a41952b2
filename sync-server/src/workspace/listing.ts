// One folder's entries, without following symlinks: what the list tool and the file tree show.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export const MAX_LIST_ENTRIES = 1000;

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface Entry {
	name: string;
	/** Workspace-relative, / separated. */
	path: string;
	type: EntryType;
	size: number;
	/** Milliseconds since the epoch. */
	mtime: number;
}

function typeOf(stats: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
	if (stats.isSymbolicLink()) return 'symlink';
	if (stats.isDirectory()) return 'dir';
	return stats.isFile() ? 'file' : 'other';
}

/** Folders first, then by name; at most `max` entries, and whether more were left out. */
export async function listDir(abs: string, rel: string, max = MAX_LIST_ENTRIES): Promise<{ entries: Entry[]; truncated: boolean }> {
	const names = (await readdir(abs)).sort();
	const entries: Entry[] = [];
	for (const name of names) {
		// An entry can vanish between readdir and lstat; skip it rather than fail the listing.
		const stats = await lstat(path.join(abs, name)).catch(() => null);
		if (!stats) continue;
		const type = typeOf(stats);
		entries.push({ name, path: rel === '.' ? name : `${rel}/${name}`, type, size: type === 'file' ? stats.size : 0, mtime: Math.round(stats.mtimeMs) });
	}
	entries.sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return { entries: entries.slice(0, max), truncated: entries.length > max };
}
