// The file API as the app mounts it: behind sign-in, scoped to the caller's tenant, resolved through
// the tenant's index (default folder or an allowed existing one), and free of the API's 64 KiB body cap.
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INDEX_DOC } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { putSession, type SessionPatch } from '../../src/lib/core/ydoc';
import { tempDataDir } from '../../tests/helpers/server-process';
import { DEFAULTS } from './config';
import { startServer, type RunningServer } from './server';

const TOKENS = { alpha: 'alpha-token-0123456789', beta: 'beta-token-0123456789' };
let server: RunningServer;
let dataDir: string;
let allowed: string;

beforeEach(async () => {
	dataDir = await realpath(tempDataDir('sr-files-'));
	allowed = path.join(await realpath(tempDataDir('sr-projects-')), 'projects');
	await mkdir(path.join(allowed, 'app'), { recursive: true });
	await writeFile(path.join(allowed, 'app', 'README.md'), '# App\n');
	const config = {
		...DEFAULTS,
		port: 0,
		dataDir,
		staticDir: dataDir,
		authTokens: [
			{ tenant: 'alpha', token: TOKENS.alpha },
			{ tenant: 'beta', token: TOKENS.beta }
		]
	};
	server = await startServer(config, pino({ level: 'silent' }), { workspaceRoots: [allowed] });
});
afterEach(() => server.close());

async function addSession(tenant: string, extra: SessionPatch = {}): Promise<string> {
	const id = newId();
	const index = await server.registry.open(tenant, INDEX_DOC);
	putSession(index.doc, { id, title: 'Files', createdAt: 1, updatedAt: 1, status: 'active', model: 'm', ...extra });
	index.release();
	return id;
}

const call = (url: string, token: string | null, init: RequestInit = {}) =>
	fetch(`${server.origin}${url}`, {
		...init,
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...init.headers }
	});

describe('/api/sessions/:id/files', () => {
	it('refuses callers without a valid token', async () => {
		const id = await addSession('alpha');
		expect((await call(`/api/sessions/${id}/files`, null)).status).toBe(401);
		expect((await call(`/api/sessions/${id}/files`, 'wrong-token')).status).toBe(401);
	});

	it('saves and reads a file of several hundred KiB in the session folder under DATA_DIR', async () => {
		const id = await addSession('alpha');
		const text = 'x'.repeat(80).concat('\n').repeat(5000);
		const saved = await call(`/api/sessions/${id}/files/content`, TOKENS.alpha, {
			method: 'PUT',
			body: JSON.stringify({ path: 'big.txt', text, baseVersion: null })
		});
		expect(saved.status).toBe(200);
		expect(await readFile(path.join(dataDir, 'workspaces', 'alpha', id, 'big.txt'), 'utf8')).toBe(text);
		const listing = await (await call(`/api/sessions/${id}/files`, TOKENS.alpha)).json();
		expect(listing.entries).toEqual([expect.objectContaining({ name: 'big.txt', type: 'file', size: text.length })]);
		const read = await (await call(`/api/sessions/${id}/files/content?path=big.txt`, TOKENS.alpha)).json();
		expect(read.text).toBe(text);
	});

	it('keeps the 64 KiB cap on the rest of the API', async () => {
		const res = await call('/api/pairings', TOKENS.alpha, { method: 'POST', body: JSON.stringify({ label: 'x'.repeat(70_000) }) });
		expect(res.status).toBe(413);
	});

	it('does not find another tenant’s session, nor a session the index does not have', async () => {
		const id = await addSession('alpha');
		const other = await call(`/api/sessions/${id}/files`, TOKENS.beta);
		expect(other.status).toBe(404);
		expect((await other.json()).error.reason).toBe('session-not-found');
		expect((await call(`/api/sessions/${newId()}/files`, TOKENS.alpha)).status).toBe(404);
	});

	it('serves an existing folder inside WORKSPACE_ROOTS, and refuses one outside', async () => {
		const inside = await addSession('alpha', { workspace: path.join(allowed, 'app') });
		const listing = await (await call(`/api/sessions/${inside}/files`, TOKENS.alpha)).json();
		expect(listing.entries.map((e: { name: string }) => e.name)).toEqual(['README.md']);

		const outside = await addSession('alpha', { workspace: dataDir });
		const refused = await call(`/api/sessions/${outside}/files`, TOKENS.alpha);
		expect(refused.status).toBe(403);
		expect((await refused.json()).error.reason).toBe('workspace-not-allowed');
	});
});

describe('/api/workspaces', () => {
	it('lists the allowed roots to a signed-in device only', async () => {
		expect((await call('/api/workspaces', null)).status).toBe(401);
		expect(await (await call('/api/workspaces', TOKENS.alpha)).json()).toEqual({ roots: [allowed] });
	});

	it('checks a working folder without creating anything', async () => {
		const check = (folder: string) => call('/api/workspaces/check', TOKENS.alpha, { method: 'POST', body: JSON.stringify({ path: folder }) });
		expect(await (await check(path.join(allowed, 'app'))).json()).toEqual({ path: path.join(allowed, 'app') });
		const outside = await check(dataDir);
		expect(outside.status).toBe(403);
		expect((await outside.json()).error.reason).toBe('workspace-not-allowed');
		const missing = await check(path.join(allowed, 'nope'));
		expect(missing.status).toBe(404);
		expect((await check('relative/folder')).status).toBe(400);
		expect((await call('/api/workspaces/check', null, { method: 'POST', body: '{}' })).status).toBe(401);
	});
});

describe('/api/config', () => {
	it('tells a device, before sign-in, which engine new sessions use', async () => {
		const body = await (await call('/api/config', null)).json();
		expect(body).toMatchObject({ demo: true, defaultEngine: 'claude-code' });
	});
});
