// A failed git command as data: a stable reason and a sentence for the person, never a thrown error.

export type GitReason =
	| 'not-a-repository'
	| 'git-unsafe-config'
	| 'git-timeout'
	| 'git-failed'
	| 'nothing-to-commit'
	| 'no-remote'
	| 'push-needs-credentials'
	| 'push-rejected'
	| 'worktree-dirty'
	| 'merge-conflict'
	| 'nothing-staged'
	| 'draft-failed';

export interface GitFailure {
	ok: false;
	reason: GitReason;
	message: string;
}

export const gitFail = (reason: GitReason, message: string): GitFailure => ({ ok: false, reason, message });

/** The first lines git wrote, without the noise simple-git adds. */
function gitText(error: unknown): string {
	const raw = String((error as Error)?.message ?? error);
	return raw.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 6).join(' ').slice(0, 600);
}

/** Maps what a git command threw to a failure; `doing` names the step ("commit", "push"). */
export function fromGitError(error: unknown, doing: string): GitFailure {
	const text = gitText(error);
	if (/timed? ?out|block timeout/i.test(text)) return gitFail('git-timeout', `git took too long to ${doing} and was stopped.`);
	if (/terminal prompts disabled|could not read (Username|Password)|Permission denied \(publickey|Authentication failed|Host key verification failed/i.test(text))
		return gitFail('push-needs-credentials', `The push needs credentials the server cannot ask for (${text}). Set up an SSH key or a credential for the server's user, or push from a terminal.`);
	if (/\[rejected\]|non-fast-forward|failed to push/i.test(text)) return gitFail('push-rejected', `The remote refused the push: ${text}`);
	return gitFail('git-failed', `git could not ${doing}: ${text}`);
}
