// The Git panel's API under /api/sessions/:id/git: status with the recent log, a file's diff, stage,
// unstage, commit and push, a commit message drafted by Claude, and finishing a session's worktree; and /api/workspaces/worktree, which
// makes a new worktree for a session about to be created. Same auth and session lookup as the file API; every path goes through the
// workspace path guard, and changes to one repository run one at a time.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CommitMessageSchema, WORKTREE_ACTIONS } from '../../../src/lib/core/git';
import { withFileLock } from '../workspace/locks';
import { guardPath } from '../workspace/pathGuard';
import { allowedFolder, type WorkspaceConfig } from '../workspace/resolve';
import { requestRoot, type WorkspaceRouteDeps } from '../workspace/request-root';
import { errorResponse } from '../workspace/routeErrors';
import { demoDrafter, type Drafter } from './draft';
import { commit, fileDiff, push, readStatus, stage, stagedDiff, unstage } from './panel';
import { openRepo, type Repo, type RepoPolicy } from './repo';
import { createWorktree, finishWorktree } from './worktree';

export interface GitRouteDeps extends WorkspaceRouteDeps {
	policy: RepoPolicy;
	/** Drafts commit messages (Claude with the server's key, or the demo model). */
	drafter?: Drafter;
}

const PathsSchema = z.object({ paths: z.array(z.string().min(1)).min(1).max(1000) });
const CommitSchema = z.object({ message: CommitMessageSchema });
const FinishSchema = z.object({ action: z.enum(WORKTREE_ACTIONS) });

export function gitRoutes(deps: GitRouteDeps) {
	const app = new Hono();

	async function repoOf(c: Context): Promise<Repo | Response> {
		const root = await requestRoot(deps, c);
		if (typeof root !== 'string') return root;
		const repo = await openRepo(root, deps.policy);
		return repo.ok ? repo : errorResponse(c, repo);
	}

	/** The session-relative paths, each checked by the path guard (a deleted file need not exist). */
	async function guarded(c: Context, repo: Repo, paths: string[]): Promise<string[] | Response> {
		const out: string[] = [];
		for (const input of paths) {
			const file = await guardPath(repo.folder, input, { create: true });
			if (!file.ok) return errorResponse(c, file);
			out.push(file.rel);
		}
		return out;
	}

	async function statusResponse(c: Context, repo: Repo) {
		const read = await readStatus(repo);
		c.header('Cache-Control', 'no-store');
		return read.ok ? c.json(read.status) : errorResponse(c, read);
	}

	app.get('/', async (c) => {
		const root = await requestRoot(deps, c);
		if (typeof root !== 'string') return root;
		const repo = await openRepo(root, deps.policy);
		if (!repo.ok) return repo.reason === 'not-a-repository' ? c.json({ repo: false }) : errorResponse(c, repo);
		return statusResponse(c, repo);
	});

	app.get('/diff', async (c) => {
		const repo = await repoOf(c);
		if (repo instanceof Response) return repo;
		const paths = await guarded(c, repo, [c.req.query('path') ?? '']);
		if (paths instanceof Response) return paths;
		const diff = await fileDiff(repo, paths[0], c.req.query('staged') === '1', c.req.query('untracked') === '1');
		c.header('Cache-Control', 'no-store');
		return diff.ok ? c.json({ path: paths[0], patch: diff.patch }) : errorResponse(c, diff);
	});

	for (const [name, action] of [
		['stage', stage],
		['unstage', unstage]
	] as const) {
		app.post(`/${name}`, async (c) => {
			const body = PathsSchema.safeParse(await c.req.json().catch(() => null));
			if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: 'Send JSON { "paths": ["file", …] }.' });
			const repo = await repoOf(c);
			if (repo instanceof Response) return repo;
			const paths = await guarded(c, repo, body.data.paths);
			if (paths instanceof Response) return paths;
			const done = await withFileLock(repo.top, () => action(repo, paths));
			return done.ok ? statusResponse(c, repo) : errorResponse(c, done);
		});
	}

	app.post('/commit', async (c) => {
		const body = CommitSchema.safeParse(await c.req.json().catch(() => null));
		if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: body.error.issues[0]?.message ?? 'Send JSON { "message": "…" }.' });
		const repo = await repoOf(c);
		if (repo instanceof Response) return repo;
		const done = await withFileLock(repo.top, () => commit(repo, body.data.message));
		return done.ok ? statusResponse(c, repo) : errorResponse(c, done);
	});

	app.post('/draft-message', async (c) => {
		const repo = await repoOf(c);
		if (repo instanceof Response) return repo;
		const diff = await stagedDiff(repo);
		if (!diff.ok) return errorResponse(c, diff);
		if (diff.patch.trim() === '') return errorResponse(c, { reason: 'nothing-staged', message: 'Stage the changes the message should describe first.' });
		const drafted = await (deps.drafter ?? demoDrafter).draft(diff.patch);
		return drafted.ok ? c.json({ message: drafted.message }) : errorResponse(c, drafted);
	});

	app.post('/push', async (c) => {
		const repo = await repoOf(c);
		if (repo instanceof Response) return repo;
		const done = await withFileLock(repo.top, () => push(repo));
		return done.ok ? statusResponse(c, repo) : errorResponse(c, done);
	});

	app.post('/worktree/finish', async (c) => {
		const body = FinishSchema.safeParse(await c.req.json().catch(() => null));
		if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: 'Send JSON { "action": "merge" | "remove" }.' });
		const root = await requestRoot(deps, c);
		if (typeof root !== 'string') return root;
		const done = await withFileLock(root, () => finishWorktree(root, body.data.action, deps.policy));
		return done.ok ? c.json(done) : errorResponse(c, done);
	});

	return app;
}

const NewWorktreeSchema = z.object({ path: z.string().trim().min(1).max(4096), title: z.string().max(200).default('') });

/** POST / { path, title }: a new worktree and branch of the repository at `path` (inside WORKSPACE_ROOTS). */
export function worktreeRoutes(config: WorkspaceConfig, policy: RepoPolicy) {
	const app = new Hono();
	app.post('/', async (c) => {
		const body = NewWorktreeSchema.safeParse(await c.req.json().catch(() => null));
		if (!body.success) return errorResponse(c, { reason: 'invalid-input', message: 'Send JSON { "path": "/absolute/repository", "title": "…" }.' });
		const folder = await allowedFolder(config, body.data.path);
		if (!folder.ok) return errorResponse(c, folder);
		const made = await withFileLock(folder.root, () => createWorktree(folder.root, body.data.title, policy));
		return made.ok ? c.json({ path: made.path, branch: made.branch, base: made.base }, 201) : errorResponse(c, made);
	});
	return app;
}
