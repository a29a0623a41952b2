// A commit message drafted by Claude from the staged diff, on request: one Messages API call through the
// server's key and base URL. Without a key the demo model drafts one from the file names, so the button
// works in the demo too. The draft only fills the message box; a person commits.
import { clientOf, type ClientSource } from '../runner/client';
import { gitFail, type GitFailure } from './errors';

/** The diff Claude reads is cut here (a commit message needs the gist, not every line). */
export const MAX_DRAFT_DIFF_CHARS = 60_000;
const MAX_DRAFT_TOKENS = 400;

export const DRAFT_SYSTEM =
	'You write git commit messages. Given a staged diff, answer with the commit message only: a subject line of at most 72 characters in the imperative mood, then, if the change needs it, a blank line and a short body saying why. No quotes, no Markdown fences, no preamble.';

export interface Drafter {
	draft(diff: string): Promise<{ ok: true; message: string } | GitFailure>;
}

const cut = (diff: string) =>
	diff.length <= MAX_DRAFT_DIFF_CHARS ? diff : `${diff.slice(0, MAX_DRAFT_DIFF_CHARS)}\n[The rest of the diff, ${diff.length - MAX_DRAFT_DIFF_CHARS} characters, is left out.]`;

export function claudeDrafter(client: ClientSource, model: string): Drafter {
	return {
		async draft(diff) {
			try {
				const reply = await (await clientOf(client)).messages.create({
					model,
					max_tokens: MAX_DRAFT_TOKENS,
					system: DRAFT_SYSTEM,
					messages: [{ role: 'user', content: `The staged diff:\n\n${cut(diff)}` }]
				});
				const message = reply.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('').trim();
				return message ? { ok: true, message } : gitFail('draft-failed', 'Claude answered without a message; try again or type one.');
			} catch (error) {
				return gitFail('draft-failed', `Claude could not draft a message: ${(error as Error).message}`);
			}
		}
	};
}

/** The demo model's draft: the changed files named in a subject line. */
export const demoDrafter: Drafter = {
	async draft(diff) {
		const files = [...diff.matchAll(/^diff --git a\/(.+?) b\//gm)].map((m) => m[1]);
		const named = files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
		return { ok: true, message: `Update ${named || 'files'}\n\n(Drafted by the demo model: set ANTHROPIC_API_KEY for Claude's own.)` };
	}
};
