// The file API as the app mounts it: auth middleware sets the tenant, the sub-app serves /api/sessions/:id/files.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES } from '../../sync-server/src/workspace/fileio';
import { workspaceRoutes } from '../../sync-server/src/workspace/routes';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';
import { editTool } from '../../sync-server/src/workspace/tools/edit';

let ws: TestWorkspace;
let app: Hono<{ Variables: { tenant: string } }>;
const AUTH = { authorization: 'Bearer alice-token' };
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

beforeEach(async () => {
	ws = await makeWorkspace();
	await writeFile(path.join(ws.root, 'a.txt'), 'hello\n');
	await mkdir(path.join(ws.root, 'src'));
	await writeFile(path.join(ws.root, 'src', 'app.ts'), 'export {};\n');
	await writeFile(path.join(ws.root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
	await symlink(ws.outside, path.join(ws.root, 'out'));
	app = new Hono<{ Variables: { tenant: string } }>();
	app.use('/api/*', async (c, next) => {
		if (c.req.header('authorization') === AUTH.authorization) c.set('tenant', 'alice');
		await next();
	});
	app.route(
		'/api/sessions/:id/files',
		workspaceRoutes({
			getTenant: (c) => c.get('tenant'),
			workspaceRoot: async (tenant, id) => (tenant === 'alice' && id === 'sess-1' ? ws.root : null)
		})
	);
});
afterEach(() => ws.cleanup());

const get = (url: string, headers: Record<string, string> = AUTH) => app.request(url, { headers });
const put = (body: unknown, id = 'sess-1') =>
	app.request(`/api/sessions/${id}/files/content`, {
		method: 'PUT',
		headers: { ...AUTH, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

describe('GET /api/sessions/:id/files (one folder of the tree)', () => {
	it('lists the root lazily with name, type, size and mtime', async () => {
		const res = await get('/api/sessions/sess-1/files');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.path).toBe('.');
		expect(body.entries.map((e: { name: string; type: string }) => [e.name, e.type])).toEqual([
			['src', 'dir'],
			['a.txt', 'file'],
			['logo.png', 'file'],
			['out', 'symlink']
		]);
		expect(body.entries[1]).toMatchObject({ path: 'a.txt', size: 6, mtime: expect.any(Number) });
	});

	it('lists a subfolder', async () => {
		const body = await (await get('/api/sessions/sess-1/files?path=src')).json();
		expect(body.entries).toEqual([expect.objectContaining({ name: 'app.ts', path: 'src/app.ts', type: 'file' })]);
	});

	it.each([
		['../', 400, 'parent-traversal'],
		['%2e%2e%2f', 400, 'parent-traversal'],
		['%252e%252e%252fetc', 400, 'encoded-separator'],
		['..%5Cetc', 400, 'backslash'],
		['/etc', 400, 'absolute-path'],
		['out', 403, 'outside-workspace'],
		['missing', 404, 'not-found'],
		['a.txt', 400, 'not-a-directory']
	])('refuses ?path=%s with %i %s', async (query, status, reason) => {
		const res = await get(`/api/sessions/sess-1/files?path=${query}`);
		expect(res.status).toBe(status);
		expect(await res.json()).toEqual({ error: { reason, message: expect.any(String) } });
	});

	it('needs a tenant and one of its sessions', async () => {
		expect((await get('/api/sessions/sess-1/files', {})).status).toBe(401);
		const other = await get('/api/sessions/sess-2/files');
		expect(other.status).toBe(404);
		expect(await other.json()).toMatchObject({ error: { reason: 'session-not-found' } });
	});
});

describe('GET /api/sessions/:id/files/content', () => {
	it('returns text with its version', async () => {
		const res = await get('/api/sessions/sess-1/files/content?path=a.txt');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({ path: 'a.txt', text: 'hello\n', size: 6, version: sha('hello\n') });
	});

	it('names a binary file instead of sending it', async () => {
		const body = await (await get('/api/sessions/sess-1/files/content?path=logo.png')).json();
		expect(body).toMatchObject({ path: 'logo.png', binary: true, size: 8 });
		expect(body).not.toHaveProperty('text');
	});

	it('refuses files through symlinks out, special files, huge files and folders', async () => {
		execFileSync('mkfifo', [path.join(ws.root, 'pipe')]);
		await writeFile(path.join(ws.root, 'huge.bin'), Buffer.alloc(5 * 1024 * 1024));
		const cases: [string, number, string][] = [
			['out/secret.txt', 403, 'outside-workspace'],
			['pipe', 415, 'special-file'],
			['huge.bin', 413, 'file-too-large'],
			['src', 400, 'not-a-file'],
			['', 400, 'not-a-file']
		];
		for (const [query, status, reason] of cases) {
			const res = await get(`/api/sessions/sess-1/files/content?path=${query}`);
			expect([query, res.status, (await res.json()).error.reason]).toEqual([query, status, reason]);
		}
	});
});

describe('PUT /api/sessions/:id/files/content', () => {
	it('saves when the file still has the base version, and returns the new version', async () => {
		const res = await put({ path: 'a.txt', text: 'hello, world\n', baseVersion: sha('hello\n') });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ path: 'a.txt', version: sha('hello, world\n'), size: 13, created: false });
		expect(await readFile(path.join(ws.root, 'a.txt'), 'utf8')).toBe('hello, world\n');
	});

	it('answers 409 file-changed when Claude changed the file meanwhile, and keeps Claude’s text', async () => {
		const opened = await (await get('/api/sessions/sess-1/files/content?path=a.txt')).json();
		expect(await editTool.run({ path: 'a.txt', old_string: 'hello', new_string: 'hi from Claude' }, ws.ctx)).toMatchObject({ ok: true });
		const res = await put({ path: 'a.txt', text: 'my edit\n', baseVersion: opened.version });
		expect(res.status).toBe(409);
		expect(await res.json()).toEqual({ error: { reason: 'file-changed', message: expect.stringContaining('changed since you opened it') } });
		expect(await readFile(path.join(ws.root, 'a.txt'), 'utf8')).toBe('hi from Claude\n');
	});

	it('lets exactly one of two saves from the same version win', async () => {
		const base = sha('hello\n');
		const results = await Promise.all([put({ path: 'a.txt', text: 'phone\n', baseVersion: base }), put({ path: 'a.txt', text: 'laptop\n', baseVersion: base })]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		const winner = results[0].status === 200 ? 'phone\n' : 'laptop\n';
		expect(await readFile(path.join(ws.root, 'a.txt'), 'utf8')).toBe(winner);
	});

	it('creates a new file with baseVersion null, and refuses that when it exists or was deleted', async () => {
		const created = await put({ path: 'docs/new.md', text: '# New\n', baseVersion: null });
		expect(created.status).toBe(200);
		expect(await created.json()).toMatchObject({ path: 'docs/new.md', created: true });
		expect(await readFile(path.join(ws.root, 'docs/new.md'), 'utf8')).toBe('# New\n');
		const again = await put({ path: 'docs/new.md', text: 'other\n', baseVersion: null });
		expect(again.status).toBe(409);
		const deleted = await put({ path: 'gone.txt', text: 'x', baseVersion: sha('x') });
		expect(deleted.status).toBe(409);
		expect((await deleted.json()).error.message).toContain('deleted');
	});

	it('refuses text over the size cap with 413, whether the body is merely large or absurd', async () => {
		const large = await put({ path: 'big.txt', text: 'x'.repeat(MAX_TEXT_BYTES + 1), baseVersion: null });
		expect(large.status).toBe(413);
		expect(await large.json()).toMatchObject({ error: { reason: 'file-too-large' } });
		expect((await put({ path: 'big.txt', text: 'x'.repeat(5 * MAX_TEXT_BYTES), baseVersion: null })).status).toBe(413);
		await expect(readFile(path.join(ws.root, 'big.txt'))).rejects.toThrow();
	});

	it('refuses saves outside the workspace and malformed bodies', async () => {
		const outside = await put({ path: 'out/secret.txt', text: 'pwned', baseVersion: sha('secret\n') });
		expect(outside.status).toBe(403);
		expect(await readFile(path.join(ws.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
		expect((await put({ path: '../x.txt', text: 'x', baseVersion: null })).status).toBe(400);
		expect((await put({ path: 'a.txt', text: 'x' })).status).toBe(400);
		const notJson = await app.request('/api/sessions/sess-1/files/content', { method: 'PUT', headers: AUTH, body: 'nope' });
		expect(await notJson.json()).toMatchObject({ error: { reason: 'invalid-input' } });
		expect((await put({ path: 'a.txt', text: 'x', baseVersion: null }, 'sess-2')).status).toBe(404);
	});
});
