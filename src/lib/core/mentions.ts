// `@path` mentions in a prompt. Claude Code reads each mentioned file into the turn itself (before any
// tool call, so past our tool hooks): the server checks every mention against the session's folder first,
// and the prompt box completes them from the folder's tree. One grammar for both sides.

export interface Mention {
	/** Index of the `@`. */
	start: number;
	/** Index after the mention. */
	end: number;
	/** The path as written, without quotes, escapes or a `#L10-20` line range. */
	path: string;
}

// `@` at the start or after white space, then a quoted path or a run of non-space (a backslash escapes a space).
const MENTION = /(^|\s)@(?:"([^"\n]+)"|((?:\\\s|\S)+))/g;
const LINE_RANGE = /#L\d+(?:-\d+)?$/;

export function findMentions(text: string): Mention[] {
	const out: Mention[] = [];
	for (const match of text.matchAll(MENTION)) {
		const start = match.index + match[1].length;
		const raw = match[2] ?? match[3].replace(/\\(\s)/g, '$1');
		out.push({ start, end: match.index + match[0].length, path: raw.replace(LINE_RANGE, '') });
	}
	return out;
}

/** How a path is written after `@`: quoted when it holds white space. */
export function mentionText(path: string): string {
	return /\s/.test(path) ? `@"${path}"` : `@${path}`;
}
