// The Git panel's API on real repositories made here (git init, commits): status and diff after an
// edit, stage, unstage, commit, log, push to a local bare remote, and the refusals (paths outside the
// folder, a repository outside the session's reach, hostile repository config).
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitRepoStatus } from '../../src/lib/core/git';
import { gitRoutes } from '../../sync-server/src/git/routes';
import { repoPolicy } from '../../sync-server/src/git/repo';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';

let ws: TestWorkspace;
let root: string;
let app: Hono<{ Variables: { tenant: string } }>;
const AUTH = { authorization: 'Bearer alice-token' };

const git = (cwd: string, ...args: string[]) =>
	execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });

function mount(folder: string, hooks = false) {
	app = new Hono<{ Variables: { tenant: string } }>();
	app.use('/api/*', async (c, next) => {
		if (c.req.header('authorization') === AUTH.authorization) c.set('tenant', 'alice');
		await next();
	});
	app.route(
		'/api/sessions/:id/git',
		gitRoutes({
			getTenant: (c) => c.get('tenant'),
			workspaceRoot: async (tenant, id) => (tenant === 'alice' && id === 'sess-1' ? folder : null),
			policy: repoPolicy({ dataDir: path.join(ws.outside, 'data'), roots: [ws.root] }, hooks)
		})
	);
}

beforeEach(async () => {
	ws = await makeWorkspace();
	root = ws.root;
	git(root, 'init', '-q');
	await writeFile(path.join(root, 'a.txt'), 'one\ntwo\n');
	await writeFile(path.join(root, 'gone.txt'), 'bye\n');
	git(root, 'add', '.');
	git(root, 'commit', '-q', '-m', 'first');
	mount(root);
});
afterEach(() => ws.cleanup());

const get = (url: string) => app.request(`/api/sessions/sess-1/git${url}`, { headers: AUTH });
const post = (url: string, body?: unknown) =>
	app.request(`/api/sessions/sess-1/git${url}`, {
		method: 'POST',
		headers: { ...AUTH, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
const status = async () => (await (await get('')).json()) as GitRepoStatus;

describe('status and diff', () => {
	it('shows the branch, the staged, unstaged and untracked files, and the log', async () => {
		await writeFile(path.join(root, 'a.txt'), 'one\nTWO\n');
		await writeFile(path.join(root, 'new.txt'), 'fresh\n');
		execFileSync('rm', [path.join(root, 'gone.txt')]);
		const body = await status();
		expect(body).toMatchObject({ repo: true, branch: 'main', tracking: null, remotes: [] });
		expect(body.files).toEqual([
			{ path: 'a.txt', staged: null, unstaged: 'M', untracked: false, conflicted: false },
			{ path: 'gone.txt', staged: null, unstaged: 'D', untracked: false, conflicted: false },
			{ path: 'new.txt', staged: null, unstaged: null, untracked: true, conflicted: false }
		]);
		expect(body.log).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{40}$/), subject: 'first', author: 'Test', date: expect.any(String) }]);
	});

	it('gives the diff of a changed file, and of an untracked one as new', async () => {
		await writeFile(path.join(root, 'a.txt'), 'one\nTWO\n');
		const diff = await (await get('/diff?path=a.txt')).json();
		expect(diff.patch).toContain('-two\n+TWO');
		await writeFile(path.join(root, 'new.txt'), 'fresh\n');
		const fresh = await (await get('/diff?path=new.txt&untracked=1')).json();
		expect(fresh.patch).toContain('+fresh');
	});

	it('answers repo: false for a folder that is not in a repository', async () => {
		const plain = path.join(ws.outside, 'plain');
		await mkdir(plain);
		mount(plain);
		expect(await (await get('')).json()).toEqual({ repo: false });
	});

	it('does not climb into a repository outside the allowed root', async () => {
		// The session works in a plain folder whose parent (outside every root) is a repository.
		git(ws.outside, 'init', '-q');
		const inner = path.join(ws.outside, 'inner');
		await mkdir(inner);
		mount(inner);
		expect(await (await get('')).json()).toEqual({ repo: false });
	});
});

describe('stage, unstage, commit', () => {
	it('stages a change, commits it with the typed message, and the log shows it', async () => {
		await writeFile(path.join(root, 'a.txt'), 'one\nTWO\n');
		let body = (await (await post('/stage', { paths: ['a.txt'] })).json()) as GitRepoStatus;
		expect(body.files).toEqual([{ path: 'a.txt', staged: 'M', unstaged: null, untracked: false, conflicted: false }]);
		expect((await (await get('/diff?path=a.txt&staged=1')).json()).patch).toContain('+TWO');
		body = (await (await post('/commit', { message: '  Shout the second line  ' })).json()) as GitRepoStatus;
		expect(body.files).toEqual([]);
		expect(body.log.map((c) => c.subject)).toEqual(['Shout the second line', 'first']);
		expect(git(root, 'show', 'HEAD:a.txt')).toBe('one\nTWO\n');
	});

	it('unstages, and refuses an empty commit or message', async () => {
		await writeFile(path.join(root, 'a.txt'), 'changed\n');
		await post('/stage', { paths: ['a.txt'] });
		const body = (await (await post('/unstage', { paths: ['a.txt'] })).json()) as GitRepoStatus;
		expect(body.files[0]).toMatchObject({ staged: null, unstaged: 'M' });
		const empty = await post('/commit', { message: 'nothing staged' });
		expect(empty.status).toBe(409);
		expect(await empty.json()).toMatchObject({ error: { reason: 'nothing-to-commit' } });
		expect((await post('/commit', { message: '   ' })).status).toBe(400);
	});

	it('stages a deletion and a file in a folder whose name needs quoting', async () => {
		execFileSync('rm', [path.join(root, 'gone.txt')]);
		await mkdir(path.join(root, 'odd dir'));
		await writeFile(path.join(root, 'odd dir', '*.txt'), 'star\n');
		const body = (await (await post('/stage', { paths: ['gone.txt', 'odd dir/*.txt'] })).json()) as GitRepoStatus;
		expect(body.files).toEqual([
			{ path: 'gone.txt', staged: 'D', unstaged: null, untracked: false, conflicted: false },
			{ path: 'odd dir/*.txt', staged: 'A', unstaged: null, untracked: false, conflicted: false }
		]);
	});
});

describe('refusals', () => {
	it.each([
		['../outside/secret.txt', 'parent-traversal'],
		['/etc/passwd', 'absolute-path'],
		['link-out', 'outside-workspace']
	])('refuses the path %s (%s)', async (input, reason) => {
		await symlink(ws.outside, path.join(root, 'link-out'));
		const staged = await post('/stage', { paths: [input] });
		expect(await staged.json()).toMatchObject({ error: { reason } });
		const diff = await get(`/diff?path=${encodeURIComponent(input)}`);
		expect(await diff.json()).toMatchObject({ error: { reason } });
	});

	it('needs a tenant and one of its sessions', async () => {
		expect((await app.request('/api/sessions/sess-1/git')).status).toBe(401);
		expect((await app.request('/api/sessions/sess-2/git', { headers: AUTH })).status).toBe(404);
	});

	it('never runs a hook the repository names, unless GIT_HOOKS allows it', async () => {
		const marker = path.join(ws.outside, 'hook-ran');
		await mkdir(path.join(root, 'hooks'));
		await writeFile(path.join(root, 'hooks', 'pre-commit'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
		git(root, 'config', 'core.hooksPath', 'hooks');
		git(root, 'config', 'core.fsmonitor', `touch ${marker}`);
		await writeFile(path.join(root, 'a.txt'), 'x\n');
		await post('/stage', { paths: ['a.txt'] });
		expect((await post('/commit', { message: 'no hooks' })).status).toBe(200);
		expect(() => execFileSync('test', ['-e', marker])).toThrow();
		git(root, 'config', '--unset', 'core.fsmonitor');
		mount(root, true);
		await writeFile(path.join(root, 'a.txt'), 'y\n');
		await post('/stage', { paths: ['a.txt'] });
		await post('/commit', { message: 'with hooks' });
		expect(() => execFileSync('test', ['-e', marker])).not.toThrow();
	});

	it('refuses a repository whose config names a filter program', async () => {
		git(root, 'config', 'filter.evil.clean', 'touch /tmp/never');
		const res = await get('');
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: { reason: 'git-unsafe-config' } });
	});
});

describe('push', () => {
	it('pushes to a local remote, and says so plainly when there is none', async () => {
		expect(await (await post('/push')).json()).toMatchObject({ error: { reason: 'no-remote' } });
		const bare = path.join(ws.outside, 'remote.git');
		git(ws.outside, 'init', '-q', '--bare', bare);
		git(root, 'remote', 'add', 'origin', bare);
		const pushed = await post('/push');
		expect(pushed.status).toBe(200);
		expect(await pushed.json()).toMatchObject({ tracking: 'origin/main', ahead: 0, remotes: ['origin'] });
		expect(git(bare, 'log', '--format=%s', 'main').trim()).toBe('first');
	});

	it('fails with a clear reason when the remote asks for credentials, without prompting', async () => {
		// An HTTP remote that wants a password: git would ask on a terminal; here it must give up.
		const server = http.createServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end());
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			git(root, 'remote', 'add', 'origin', `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`);
			const res = await post('/push');
			expect(res.status).toBe(502);
			expect(await res.json()).toMatchObject({ error: { reason: 'push-needs-credentials', message: expect.stringContaining('credential') } });
		} finally {
			server.close();
		}
	});
});
