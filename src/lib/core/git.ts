// What the Git panel shows of a session's repository, defined once: the server answers with it and the
// device keeps the last answer in IndexedDB, so the panel reads offline.
import { z } from './zod';

/** One letter of `git status --porcelain`: M modified, A added, D deleted, R renamed, C copied, U unmerged, T type. */
const StatusCode = z.string().max(1);

export const GitFileSchema = z.object({
	/** Relative to the session's folder, / separated. */
	path: z.string(),
	/** The old path of a rename. */
	from: z.string().optional(),
	/** The change in the index (staged), or null. */
	staged: StatusCode.nullable(),
	/** The change in the working tree (not staged), or null. */
	unstaged: StatusCode.nullable(),
	untracked: z.boolean(),
	conflicted: z.boolean()
});
export type GitFile = z.infer<typeof GitFileSchema>;

export const GitCommitSchema = z.object({
	hash: z.string(),
	subject: z.string(),
	author: z.string(),
	/** ISO 8601, as git printed it. */
	date: z.string()
});
export type GitCommit = z.infer<typeof GitCommitSchema>;

export const GitStatusSchema = z.discriminatedUnion('repo', [
	z.object({ repo: z.literal(false) }),
	z.object({
		repo: z.literal(true),
		/** null on a detached HEAD. */
		branch: z.string().nullable(),
		tracking: z.string().nullable(),
		ahead: z.number().int().nonnegative(),
		behind: z.number().int().nonnegative(),
		files: z.array(GitFileSchema),
		log: z.array(GitCommitSchema),
		/** Names of the configured remotes: push is offered when there is one. */
		remotes: z.array(z.string()),
		/** Set when the folder is a worktree of its own (made for the session): its branch and what it merges into. */
		worktree: z.object({ branch: z.string(), mainBranch: z.string().nullable() }).nullable().optional()
	})
]);
export type GitStatus = z.infer<typeof GitStatusSchema>;
export type GitRepoStatus = Extract<GitStatus, { repo: true }>;

export const WORKTREE_ACTIONS = ['merge', 'remove'] as const;
export type WorktreeAction = (typeof WORKTREE_ACTIONS)[number];

export const MAX_COMMIT_MESSAGE_CHARS = 10_000;
export const CommitMessageSchema = z.string().trim().min(1, 'The commit message is empty').max(MAX_COMMIT_MESSAGE_CHARS);
