// Finds the git repository of a session's folder, and refuses one git would have found outside the
// places the session may work (say, the server's own checkout around DATA_DIR).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { isInside } from '../workspace/pathGuard';
import { gitIn, unsafeFilters, type GitOptions } from './client';
import { fromGitError, gitFail, type GitFailure } from './errors';

export interface Repo {
	ok: true;
	git: SimpleGit;
	/** The repository's top folder (real path). */
	top: string;
	/** The session folder relative to `top`, '' or ending in '/'. */
	prefix: string;
	/** The session's folder (real path), where git runs. */
	folder: string;
	hooks: boolean;
}

export interface RepoPolicy extends Pick<GitOptions, 'hooks'> {
	/** Whether a repository whose top folder is here may be used for a session working in `folder`. */
	allowedTop(top: string, folder: string): Promise<boolean>;
}

/** `folder` is the session's real working folder (already checked by the workspace rules). */
export async function openRepo(folder: string, policy: RepoPolicy): Promise<Repo | GitFailure> {
	const git = await gitIn(folder, { hooks: policy.hooks });
	let top: string;
	try {
		const inside = (await git.raw(['rev-parse', '--is-inside-work-tree']).catch(() => 'false')).trim();
		if (inside !== 'true') return notRepo();
		top = (await git.revparse(['--show-toplevel'])).trim();
	} catch (error) {
		return fromGitError(error, 'read the repository');
	}
	if (!(await policy.allowedTop(top, folder))) return notRepo();
	if (!policy.hooks) {
		const filters = await unsafeFilters(git);
		if (filters.length > 0)
			return gitFail('git-unsafe-config', `This repository configures filter drivers (${filters.join(', ')}) that would run programs; the server runs them only with GIT_HOOKS=1.`);
	}
	const rel = path.relative(top, folder).split(path.sep).join('/');
	return { ok: true, git, top, prefix: rel ? `${rel}/` : '', folder, hooks: policy.hooks };
}

const notRepo = () => gitFail('not-a-repository', 'This session’s folder is not in a git repository.');

const real = (dir: string) => realpath(dir).catch(() => path.resolve(dir));

/**
 * A session in its own folder under DATA_DIR sees only a repository made in that very folder; one in
 * a WORKSPACE_ROOTS folder sees a repository whose top lies inside the same root.
 */
export function repoPolicy(config: { dataDir: string; roots: readonly string[] }, hooks: boolean): RepoPolicy {
	return {
		hooks,
		async allowedTop(top, folder) {
			if (top === folder) return true;
			if (isInside(await real(config.dataDir), folder)) return false;
			const roots = await Promise.all(config.roots.map(real));
			return roots.some((root) => isInside(root, top) && isInside(root, folder));
		}
	};
}

/** Whether HEAD points at a commit (a new repository has none yet). */
export const hasCommits = (git: SimpleGit) =>
	git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
		(out) => out.trim() !== '',
		() => false
	);

/** The branch HEAD is on; '' when detached. */
export const currentBranch = async (git: SimpleGit) => (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '')).trim();
