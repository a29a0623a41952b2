// `@` completion in the prompt box: the path being typed after an `@`, the entries of its folder that fit
// it, and the prompt with the chosen path put in. The folder's entries come from the session's file tree
// (the device's copy first, so it works offline).
import { mentionText } from '$lib/core/mentions';
import type { Entry } from '$lib/files/api';

const MAX_SHOWN = 8;

export interface TypedMention {
	/** Index of the `@`. */
	start: number;
	/** What follows it, up to the caret. */
	query: string;
}

/** The mention the caret is in: an `@` at the start or after white space, and no space since. */
export function typedMention(text: string, caret: number): TypedMention | null {
	const match = text.slice(0, caret).match(/(?:^|\s)@([^\s@"]*)$/);
	return match ? { start: caret - match[1].length - 1, query: match[1] } : null;
}

/** The folder whose entries complete the query: `src/li` → `src`, `READ` → the root ('.'). */
export function folderOf(query: string): string {
	const slash = query.lastIndexOf('/');
	return slash > 0 ? query.slice(0, slash) : '.';
}

/** Entries whose name starts with the typed name first, then those that contain it; folders end in `/`. */
export function matchEntries(entries: readonly Entry[], query: string): Entry[] {
	const name = query.slice(query.lastIndexOf('/') + 1).toLowerCase();
	const usable = entries.filter((e) => e.type === 'file' || e.type === 'dir');
	const starts = usable.filter((e) => e.name.toLowerCase().startsWith(name));
	const contains = usable.filter((e) => !e.name.toLowerCase().startsWith(name) && e.name.toLowerCase().includes(name));
	return [...starts, ...contains].slice(0, MAX_SHOWN);
}

/** The prompt with the mention replaced by `entry`: a file ends the mention, a folder goes on into it. */
export function acceptMention(text: string, mention: TypedMention, entry: Entry): { value: string; caret: number } {
	const inserted = entry.type === 'dir' ? `@${entry.path}/` : `${mentionText(entry.path)} `;
	const end = mention.start + 1 + mention.query.length;
	const rest = text.slice(end).replace(/^ (?=\S|$)/, entry.type === 'dir' ? ' ' : '');
	return { value: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}
