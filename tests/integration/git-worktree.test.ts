// A worktree per session, on a real repository made here: two sessions in two worktrees change the
// same file without touching each other; finishing one merges it (or removes it) through git.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitRepoStatus } from '../../src/lib/core/git';
import { repoPolicy } from '../../sync-server/src/git/repo';
import { gitRoutes, worktreeRoutes } from '../../sync-server/src/git/routes';
import { branchFor } from '../../sync-server/src/git/worktree';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';

let ws: TestWorkspace;
let repo: string;
let app: Hono;
/** session id -> its folder, as the tenant's index would say. */
const sessions = new Map<string, string>();

const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });

beforeEach(async () => {
	ws = await makeWorkspace();
	repo = path.join(ws.root, 'app');
	execFileSync('mkdir', [repo]);
	git(repo, 'init', '-q', '-b', 'main');
	await writeFile(path.join(repo, 'shared.txt'), 'line one\n');
	git(repo, 'add', '.');
	git(repo, 'commit', '-q', '-m', 'first');
	sessions.clear();
	const config = { dataDir: path.join(ws.outside, 'data'), roots: [ws.root] };
	const policy = repoPolicy(config, false);
	app = new Hono();
	app.route('/api/workspaces/worktree', worktreeRoutes(config, policy));
	app.route('/api/sessions/:id/git', gitRoutes({ getTenant: () => 'alice', workspaceRoot: async (_t, id) => sessions.get(id) ?? null, policy }));
});
afterEach(() => ws.cleanup());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function newSession(id: string, title: string): Promise<{ path: string; branch: string }> {
	const res = await app.request('/api/workspaces/worktree', json({ path: repo, title }));
	expect(res.status).toBe(201);
	const made = (await res.json()) as { path: string; branch: string; base: string };
	expect(made.base).toBe('main');
	sessions.set(id, made.path);
	return made;
}

const finish = (id: string, action: string) => app.request(`/api/sessions/${id}/git/worktree/finish`, json({ action }));
const commitAll = async (id: string, message: string) => {
	await app.request(`/api/sessions/${id}/git/stage`, json({ paths: ['.'] }));
	return app.request(`/api/sessions/${id}/git/commit`, json({ message }));
};

describe('a worktree per session', () => {
	it('gives two sessions their own branch and folder: the same file changes in both without conflict', async () => {
		const a = await newSession('sess-a', 'Fix the login bug');
		const b = await newSession('sess-b', 'Fix the login bug');
		expect(a.branch).toMatch(/^session\/fix-the-login-bug-[0-9a-f]{6}$/);
		expect(b.branch).not.toBe(a.branch);
		expect(a.path).toBe(path.join(repo, '.worktrees', a.branch.slice('session/'.length)));
		await writeFile(path.join(a.path, 'shared.txt'), 'line one\nfrom A\n');
		await writeFile(path.join(b.path, 'shared.txt'), 'line one\nfrom B\n');
		expect((await commitAll('sess-a', 'A')).status).toBe(200);
		expect((await commitAll('sess-b', 'B')).status).toBe(200);
		expect(git(repo, 'show', `${a.branch}:shared.txt`)).toBe('line one\nfrom A\n');
		expect(git(repo, 'show', `${b.branch}:shared.txt`)).toBe('line one\nfrom B\n');
		// The main worktree is untouched, and does not list the worktrees as untracked files.
		expect(await readFile(path.join(repo, 'shared.txt'), 'utf8')).toBe('line one\n');
		expect(git(repo, 'status', '--porcelain')).toBe('');
		const status = (await (await app.request('/api/sessions/sess-a/git')).json()) as GitRepoStatus;
		expect(status).toMatchObject({ branch: a.branch, worktree: { branch: a.branch, mainBranch: 'main' } });
	});

	it('merges a finished session into the main branch and removes its worktree and branch', async () => {
		const a = await newSession('sess-a', 'Merge me');
		await writeFile(path.join(a.path, 'shared.txt'), 'line one\nmerged\n');
		expect((await finish('sess-a', 'merge')).status).toBe(409);
		await commitAll('sess-a', 'Change it');
		const done = await finish('sess-a', 'merge');
		expect(await done.json()).toEqual({ ok: true, merged: true });
		expect(await readFile(path.join(repo, 'shared.txt'), 'utf8')).toBe('line one\nmerged\n');
		expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain('.worktrees');
		expect(git(repo, 'branch', '--list', a.branch)).toBe('');
	});

	it('refuses a merge that conflicts and changes nothing; remove discards the worktree', async () => {
		const a = await newSession('sess-a', 'Conflict');
		await writeFile(path.join(a.path, 'shared.txt'), 'from the session\n');
		await commitAll('sess-a', 'Session side');
		await writeFile(path.join(repo, 'shared.txt'), 'from main\n');
		git(repo, 'commit', '-q', '-am', 'Main side');
		const res = await finish('sess-a', 'merge');
		expect(await res.json()).toMatchObject({ error: { reason: 'merge-conflict' } });
		expect(git(repo, 'status', '--porcelain')).toBe('');
		expect(await readFile(path.join(repo, 'shared.txt'), 'utf8')).toBe('from main\n');
		expect(await (await finish('sess-a', 'remove')).json()).toEqual({ ok: true, merged: false });
		expect(git(repo, 'worktree', 'list')).not.toContain('.worktrees');
		expect(git(repo, 'branch', '--list', a.branch)).toBe('');
	});

	it('refuses a repository outside WORKSPACE_ROOTS, and finishing a folder that is not a session worktree', async () => {
		const res = await app.request('/api/workspaces/worktree', json({ path: ws.outside, title: 'x' }));
		expect(await res.json()).toMatchObject({ error: { reason: 'workspace-not-allowed' } });
		sessions.set('sess-main', repo);
		expect(await (await finish('sess-main', 'remove')).json()).toMatchObject({ error: { reason: 'git-failed' } });
		expect(git(repo, 'log', '--format=%s')).toBe('first\n');
	});

	it('names branches from any title', () => {
		expect(branchFor('Ünïcode & spaces / slashes', 'abc123')).toBe('session/unicode-spaces-slashes-abc123');
		expect(branchFor('???', 'abc123')).toBe('session/abc123');
	});
});
