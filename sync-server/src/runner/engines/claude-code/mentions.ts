// Claude Code reads every `@path` of a prompt into the turn before any tool runs, so neither its
// permission callback nor our PreToolUse hook sees those reads: each mention must pass our path guard
// here first, or one tenant could pull another's files (or the server's secrets) into a prompt.
import { findMentions } from '../../../../../src/lib/core/mentions';
import { guardToolPath } from './guard';

/** Why the prompt's mentions cannot be sent, or null when every one is inside the session's folder. */
export async function refusedMention(root: string, text: string): Promise<string | null> {
	for (const { path } of findMentions(text)) {
		const guarded = await guardToolPath(root, path);
		if (!guarded.ok) return `@${guarded.message}`;
	}
	return null;
}
