// Claude Code reads every `@path` of a prompt into the turn before any tool runs, so neither its
// permission callback nor our PreToolUse hook sees those reads: each mention must pass our path guard
// here first, or one tenant could pull another's files (or the server's secrets) into a prompt.
// Claude Code's own grammar is not ours to rely on (it does not honour a backslash-escaped space, so
// `@x\ @/etc/hostname` reads /etc/hostname), so every reading of an `@` is checked: ours, and the run up to
// the next white space after any `@` that does not follow a letter or digit.
import { findMentions } from '../../../../../src/lib/core/mentions';
import { guardToolPath } from './guard';

const ANY_MENTION = /(?<![\p{L}\p{N}_])@"?([^\s"]+)/gu;
const LINE_RANGE = /#L\d+(?:-\d+)?$/;

function candidates(text: string): string[] {
	const raw = [...text.matchAll(ANY_MENTION)].map((m) => m[1].replace(LINE_RANGE, ''));
	return [...new Set([...findMentions(text).map((m) => m.path), ...raw])];
}

/** Why the prompt's mentions cannot be sent, or null when every one is inside the session's folder. */
export async function refusedMention(root: string, text: string): Promise<string | null> {
	for (const path of candidates(text)) {
		const guarded = await guardToolPath(root, path);
		if (!guarded.ok) return `@${guarded.message}`;
	}
	return null;
}
