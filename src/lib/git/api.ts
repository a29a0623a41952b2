// The Git panel's API of a session (`/api/sessions/:id/git`), as data like the file API: every change
// answers with the new status, so the panel needs one round trip per action.
import type { GitStatus, WorktreeAction } from '$lib/core/git';
import { sessionCaller, type ApiResult, type FilesApiOptions } from '$lib/files/api';

/** Which side of a file's change a diff shows. */
export type DiffSide = 'staged' | 'unstaged' | 'untracked';

export interface GitApi {
	status(sessionId: string): Promise<ApiResult<GitStatus>>;
	diff(sessionId: string, path: string, side: DiffSide): Promise<ApiResult<{ path: string; patch: string }>>;
	stage(sessionId: string, paths: string[]): Promise<ApiResult<GitStatus>>;
	unstage(sessionId: string, paths: string[]): Promise<ApiResult<GitStatus>>;
	commit(sessionId: string, message: string): Promise<ApiResult<GitStatus>>;
	push(sessionId: string): Promise<ApiResult<GitStatus>>;
	/** A commit message Claude drafted from the staged diff (nothing is committed). */
	draftMessage(sessionId: string): Promise<ApiResult<{ message: string }>>;
	/** Merges the session's worktree into its repository's branch, or discards it; then removes it. */
	finishWorktree(sessionId: string, action: WorktreeAction): Promise<ApiResult<{ ok: true; merged: boolean }>>;
}

export function createGitApi(options: FilesApiOptions): GitApi {
	const call = sessionCaller(options, 'git');
	const post = <T>(sessionId: string, action: string, body?: unknown) =>
		call<T>(sessionId, `/${action}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
	return {
		status: (sessionId) => call<GitStatus>(sessionId, ''),
		diff: (sessionId, path, side) =>
			call(sessionId, `/diff?path=${encodeURIComponent(path)}${side === 'staged' ? '&staged=1' : side === 'untracked' ? '&untracked=1' : ''}`),
		stage: (sessionId, paths) => post(sessionId, 'stage', { paths }),
		unstage: (sessionId, paths) => post(sessionId, 'unstage', { paths }),
		commit: (sessionId, message) => post(sessionId, 'commit', { message }),
		push: (sessionId) => post(sessionId, 'push'),
		draftMessage: (sessionId) => post(sessionId, 'draft-message'),
		finishWorktree: (sessionId, action) => post(sessionId, 'worktree/finish', { action })
	};
}
