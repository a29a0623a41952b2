// A worktree per session: a new branch checked out in `<repository>/.worktrees/<name>`, so several
// sessions change one repository side by side. Created and removed only through `git worktree`; a
// finished one is kept, merged into the branch its repository's main worktree has out, or removed.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SimpleGit } from 'simple-git';
import type { WorktreeAction } from '../../../src/lib/core/git';
import { isInside } from '../workspace/pathGuard';
import { gitIn } from './client';
import { fromGitError, gitFail, type GitFailure } from './errors';
import { currentBranch, hasCommits, openRepo, type RepoPolicy } from './repo';

export const WORKTREES_DIR = '.worktrees';

export interface Worktree {
	ok: true;
	/** The new worktree's folder (the session's working folder). */
	path: string;
	branch: string;
	/** The branch the repository had out, which the new one starts from. */
	base: string | null;
}

/** A branch name from a session title: `session/<words>-<random>`, always valid for git. */
export function branchFor(title: string, random = randomBytes(3).toString('hex')): string {
	const words = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return `session/${words ? `${words}-` : ''}${random}`;
}

export async function createWorktree(repoFolder: string, title: string, policy: RepoPolicy): Promise<Worktree | GitFailure> {
	const repo = await openRepo(repoFolder, policy);
	if (!repo.ok) return repo;
	const { git, top } = repo;
	if (!(await hasCommits(git))) return gitFail('git-failed', 'This repository has no commit yet: a worktree starts from one.');
	const branch = branchFor(title);
	const folder = path.join(top, WORKTREES_DIR, branch.slice('session/'.length));
	try {
		const base = (await currentBranch(git)) || null;
		await excludeWorktrees(git);
		await git.raw(['worktree', 'add', '--quiet', '-b', branch, folder, 'HEAD']);
		return { ok: true, path: folder, branch, base };
	} catch (error) {
		return fromGitError(error, 'create the worktree');
	}
}

/** Keeps `.worktrees/` out of the main worktree's status, in the repository's own exclude file (never committed). */
async function excludeWorktrees(git: SimpleGit): Promise<void> {
	const common = (await git.raw(['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
	const exclude = path.join(common, 'info', 'exclude');
	const current = await readFile(exclude, 'utf8').catch(() => '');
	if (current.split('\n').includes(`/${WORKTREES_DIR}/`)) return;
	await appendFile(exclude, `${current === '' || current.endsWith('\n') ? '' : '\n'}/${WORKTREES_DIR}/\n`);
}

export interface WorktreeInfo {
	branch: string;
	/** The main worktree's folder, and the branch it has out (what a merge goes into). */
	main: string;
	mainBranch: string | null;
}

/** What a linked worktree is; null for a repository's main worktree (or no branch). */
export async function worktreeInfo(git: SimpleGit): Promise<WorktreeInfo | null> {
	const [gitDir, common, list] = await Promise.all([
		git.raw(['rev-parse', '--path-format=absolute', '--git-dir']),
		git.raw(['rev-parse', '--path-format=absolute', '--git-common-dir']),
		git.raw(['worktree', 'list', '--porcelain'])
	]);
	if (gitDir.trim() === common.trim()) return null;
	const branch = await currentBranch(git);
	// The first entry of the list is always the main worktree.
	const first = list.split('\n\n')[0].split('\n');
	const main = first.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
	const mainRef = first.find((l) => l.startsWith('branch '))?.slice('branch refs/heads/'.length) ?? null;
	if (!branch || !main) return null;
	return { branch, main, mainBranch: mainRef };
}


/**
 * Merges the session's branch into the main worktree's branch (refused when either side has
 * uncommitted changes, undone when it conflicts), or discards it; then removes the worktree and
 * its branch through git.
 */
export async function finishWorktree(folder: string, action: WorktreeAction, policy: RepoPolicy): Promise<{ ok: true; merged: boolean } | GitFailure> {
	const repo = await openRepo(folder, policy);
	if (!repo.ok) return repo;
	try {
		const info = await worktreeInfo(repo.git);
		// Only a worktree made here (in the main worktree's .worktrees/, inside the session's allowed root) is finished here.
		const ours = info && isInside(path.join(info.main, WORKTREES_DIR), folder) && (await policy.allowedTop(info.main, folder));
		if (!info || !ours) return gitFail('git-failed', 'This session’s folder is not a worktree made for it, so there is nothing to merge or remove.');
		const main = await gitIn(info.main, { hooks: policy.hooks });
		if (action === 'merge') {
			if (!info.mainBranch) return gitFail('git-failed', 'The repository’s main worktree has no branch out to merge into.');
			if ((await repo.git.status()).files.length > 0)
				return gitFail('worktree-dirty', 'This session has uncommitted changes: commit them in the Git panel, or remove the worktree instead.');
			if ((await main.status()).files.some((f) => f.index !== '?'))
				return gitFail('worktree-dirty', `The repository’s main worktree (${info.main}) has uncommitted changes; commit or stash them first.`);
			// git exits 1 on a conflict with its message on stdout, which simple-git may not treat as an error:
			// the merge is judged by what it left behind.
			await main.raw(['merge', '--no-ff', '--no-edit', '-m', `Merge ${info.branch}`, info.branch]).catch(() => undefined);
			const merging = await main.raw(['rev-parse', '--quiet', '--verify', 'MERGE_HEAD']).then((o) => o.trim() !== '', () => false);
			const merged = !merging && (await main.raw(['merge-base', '--is-ancestor', info.branch, 'HEAD']).then(() => true, () => false));
			if (merging) await main.raw(['merge', '--abort']).catch(() => undefined);
			if (!merged) return gitFail('merge-conflict', `${info.branch} does not merge cleanly into ${info.mainBranch}; nothing was changed. Merge it by hand, or keep the worktree.`);
		}
		await main.raw(['worktree', 'remove', ...(action === 'remove' ? ['--force'] : []), folder]);
		await main.raw(['branch', action === 'merge' ? '-d' : '-D', info.branch]);
		return { ok: true, merged: action === 'merge' };
	} catch (error) {
		return fromGitError(error, action === 'merge' ? 'merge the worktree' : 'remove the worktree');
	}
}
