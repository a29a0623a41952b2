// What the Git panel asks of a repository: status and recent log, a file's diff, stage, unstage, commit
// and push. Paths in and out are relative to the session's folder; the caller has path-guarded them.
import type { FileStatusResult, SimpleGit } from 'simple-git';
import type { GitCommit, GitFile, GitStatus } from '../../../src/lib/core/git';
import { gitIn, PUSH_TIMEOUT_MS } from './client';
import { fromGitError, gitFail, type GitFailure } from './errors';
import { hasCommits, type Repo } from './repo';
import { worktreeInfo } from './worktree';

export const LOG_LENGTH = 20;

export type GitResult<T> = ({ ok: true } & T) | GitFailure;

/** A pathspec that means exactly this file, whatever characters its name holds. */
const literal = (rel: string) => `:(literal)${rel}`;

const code = (letter: string) => (letter === ' ' || letter === '?' || letter === '!' ? null : letter);

function toFile(file: FileStatusResult, prefix: string, conflicted: Set<string>): GitFile {
	const untracked = file.index === '?';
	return {
		path: file.path.slice(prefix.length),
		...(file.from ? { from: file.from.slice(prefix.length) } : {}),
		staged: untracked ? null : code(file.index),
		unstaged: untracked ? null : code(file.working_dir),
		untracked,
		conflicted: conflicted.has(file.path)
	};
}

export async function readStatus({ git, prefix }: Repo): Promise<GitResult<{ status: GitStatus }>> {
	try {
		const [status, log, remotes, worktree] = await Promise.all([git.status(['--', '.']), recentLog(git), git.getRemotes(), worktreeInfo(git)]);
		const conflicted = new Set(status.conflicted);
		return {
			ok: true,
			status: {
				repo: true,
				branch: status.detached ? null : status.current,
				tracking: status.tracking,
				ahead: status.ahead,
				behind: status.behind,
				files: status.files.filter((f) => f.path.startsWith(prefix)).map((f) => toFile(f, prefix, conflicted)),
				log,
				remotes: remotes.map((r) => r.name),
				worktree: worktree && { branch: worktree.branch, mainBranch: worktree.mainBranch }
			}
		};
	} catch (error) {
		return fromGitError(error, 'read the status');
	}
}

async function recentLog(git: SimpleGit): Promise<GitCommit[]> {
	// A repository without commits has no log (git says so with an error).
	if (!(await hasCommits(git))) return [];
	const log = await git.log({ maxCount: LOG_LENGTH });
	return log.all.map((c) => ({ hash: c.hash, subject: c.message, author: c.author_name, date: c.date }));
}

/** The unified diff of one file: staged (index against HEAD) or not (working tree against the index). */
export async function fileDiff({ git }: Repo, rel: string, staged: boolean, untracked: boolean): Promise<GitResult<{ patch: string }>> {
	try {
		const safe = ['--no-ext-diff', '--no-textconv', '--no-color'];
		// An untracked file is not in the index: show it as new, against nothing.
		const patch = untracked
			? await git.raw(['diff', ...safe, '--no-index', '--', '/dev/null', rel]).catch((error: unknown) => noIndexOutput(error))
			: await git.diff([...safe, ...(staged ? ['--cached'] : []), '--', literal(rel)]);
		return { ok: true, patch };
	} catch (error) {
		return fromGitError(error, 'show the diff');
	}
}

/** Everything staged, as one unified diff (what a commit would record). */
export async function stagedDiff({ git }: Repo): Promise<GitResult<{ patch: string }>> {
	try {
		return { ok: true, patch: await git.diff(['--no-ext-diff', '--no-textconv', '--no-color', '--cached']) };
	} catch (error) {
		return fromGitError(error, 'show the staged diff');
	}
}

/** `git diff --no-index` exits 1 when the files differ, which is its normal answer. */
function noIndexOutput(error: unknown): string {
	const output = (error as { git?: unknown })?.git;
	if (typeof output === 'string') return output;
	throw error;
}

export async function stage({ git }: Repo, paths: string[]): Promise<GitResult<object>> {
	try {
		await git.raw(['add', '--all', '--', ...paths.map(literal)]);
		return { ok: true };
	} catch (error) {
		return fromGitError(error, 'stage');
	}
}

export async function unstage({ git }: Repo, paths: string[]): Promise<GitResult<object>> {
	try {
		const hasHead = await hasCommits(git);
		// Before the first commit there is nothing to reset to: take the files out of the index instead.
		if (hasHead) await git.raw(['reset', '--quiet', '--', ...paths.map(literal)]);
		else await git.raw(['rm', '--cached', '-r', '--quiet', '--', ...paths.map(literal)]);
		return { ok: true };
	} catch (error) {
		return fromGitError(error, 'unstage');
	}
}

/** Commits what is staged. Without a configured author the commit is signed "session-runner". */
export async function commit({ git }: Repo, message: string): Promise<GitResult<{ hash: string }>> {
	try {
		const staged = await git.raw(['diff', '--cached', '--name-only', '--no-ext-diff']);
		if (staged.trim() === '') return gitFail('nothing-to-commit', 'Nothing is staged: stage the files to commit first.');
		const email = await git.raw(['config', 'user.email']).then((o) => o.trim(), () => '');
		const author = email ? [] : ['-c', 'user.name=session-runner', '-c', 'user.email=session-runner@localhost'];
		await git.raw([...author, 'commit', '--quiet', '--no-edit', '--cleanup=strip', '-m', message]);
		const hash = (await git.revparse(['HEAD'])).trim();
		return { ok: true, hash };
	} catch (error) {
		return fromGitError(error, 'commit');
	}
}

/** Pushes the current branch: to its upstream, or to the only remote (setting it as upstream). */
export async function push({ git, folder, hooks }: Repo): Promise<GitResult<{ remote: string }>> {
	try {
		const [status, remotes] = await Promise.all([git.status(), git.getRemotes()]);
		if (remotes.length === 0) return gitFail('no-remote', 'This repository has no remote to push to.');
		if (status.detached || !status.current) return gitFail('git-failed', 'HEAD is detached: check out a branch to push.');
		const remote = status.tracking?.split('/')[0] ?? (remotes.length === 1 ? remotes[0].name : null);
		if (!remote) return gitFail('no-remote', 'This branch has no upstream and the repository has several remotes; push from a terminal once with -u.');
		// A push may be slow on a slow network: its own instance, with a longer time limit.
		await (await gitIn(folder, { hooks, timeoutMs: PUSH_TIMEOUT_MS })).raw(['push', '--porcelain', ...(status.tracking ? [] : ['--set-upstream']), remote, `HEAD:refs/heads/${status.current}`]);
		return { ok: true, remote };
	} catch (error) {
		return fromGitError(error, 'push');
	}
}
