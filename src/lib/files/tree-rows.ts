// The file tree as the flat list of rows on screen (depth first, only inside open folders), and what
// each key does in it, following the WAI-ARIA tree pattern; kept apart from the DOM so it is tested alone.
import type { Entry } from './api';

export interface TreeRow {
	entry: Entry;
	/** 1 for the workspace root's entries. */
	level: number;
	/** Position among its siblings, from 1, and their number (aria-posinset / aria-setsize). */
	posinset: number;
	setsize: number;
	/** Folders only: whether it is open. */
	expanded?: boolean;
	parent: string;
}

export const isFolder = (entry: Entry) => entry.type === 'dir';

/** `folders` maps a folder path ('.' for the root) to its loaded entries; open folders not loaded yet show no children. */
export function visibleRows(folders: ReadonlyMap<string, readonly Entry[]>, expanded: ReadonlySet<string>): TreeRow[] {
	const rows: TreeRow[] = [];
	const walk = (path: string, level: number) => {
		const entries = folders.get(path) ?? [];
		entries.forEach((entry, i) => {
			const open = isFolder(entry) ? expanded.has(entry.path) : undefined;
			rows.push({ entry, level, posinset: i + 1, setsize: entries.length, expanded: open, parent: path });
			if (open) walk(entry.path, level + 1);
		});
	};
	walk('.', 1);
	return rows;
}

export type TreeAction =
	| { type: 'focus'; index: number }
	| { type: 'expand'; path: string }
	| { type: 'collapse'; path: string }
	| { type: 'activate'; index: number }
	| null;

/** What a key press on row `index` does; null when the key is not the tree's. */
export function keyAction(rows: readonly TreeRow[], index: number, key: string): TreeAction {
	const row = rows[index];
	if (!row) return rows.length > 0 ? { type: 'focus', index: 0 } : null;
	switch (key) {
		case 'ArrowDown':
			return { type: 'focus', index: Math.min(index + 1, rows.length - 1) };
		case 'ArrowUp':
			return { type: 'focus', index: Math.max(index - 1, 0) };
		case 'Home':
			return { type: 'focus', index: 0 };
		case 'End':
			return { type: 'focus', index: rows.length - 1 };
		case 'ArrowRight':
			if (row.expanded === false) return { type: 'expand', path: row.entry.path };
			// An open folder: into its first child, if it has one.
			if (row.expanded && rows[index + 1]?.parent === row.entry.path) return { type: 'focus', index: index + 1 };
			return { type: 'focus', index };
		case 'ArrowLeft': {
			if (row.expanded) return { type: 'collapse', path: row.entry.path };
			const parent = rows.findIndex((r) => r.entry.path === row.parent);
			return { type: 'focus', index: parent >= 0 ? parent : index };
		}
		case 'Enter':
		case ' ':
			return { type: 'activate', index };
		default:
			return null;
	}
}
