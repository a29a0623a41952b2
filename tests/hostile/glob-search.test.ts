// Reported: `glob` turned a pattern into a backtracking regex on the main thread, so one pattern froze
// every tenant (`*a*a*a*a*a*a*b` on a 100-character name: 153 s). Each reported input runs here through
// the tool set the runner uses, in a pool whose time limit is one second: a result that is not a
// timeout finished in time. Another tenant's sync is answered while tools run.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolPool } from '../../sync-server/src/workspace/offload';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';
import { createWorkspaceTools } from '../../sync-server/src/workspace/tools/index';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { connectDevice, synced } from '../helpers/yclient';

const LONG_NAME = 'a'.repeat(100);
const ORDINARY_NAME = 'an-ordinary-file-name-of-fifty-nine-characters-in-total.txt';

let ws: TestWorkspace;
let server: TestServer;
const pool = new ToolPool({ size: 1, timeoutMs: 1000 });
const tools = createWorkspaceTools({ pool });

beforeAll(async () => {
	ws = await makeWorkspace();
	await mkdir(path.join(ws.root, 'src'));
	for (const name of [LONG_NAME, ORDINARY_NAME, 'src/notes.md']) await writeFile(path.join(ws.root, name), `${LONG_NAME}\n${ORDINARY_NAME}\n`);
	server = await startTestServer();
	await pool.warm();
});
afterAll(async () => {
	await pool.close();
	await server.close();
	await ws.cleanup();
});

describe('hostile glob and search patterns', () => {
	it.each([
		['*a*a*a*a*a*a*b', 'No files match'],
		['*?*?*?*?*?*?*?*?*.zz', 'No files match'],
		['**/*a*a*a*a*a*a*a*a*a*a*a*a*b', 'No files match'],
		['*?*?*?*?*?*?*?*?*.txt', ORDINARY_NAME]
	])('glob %s answers within the one-second limit', async (pattern, expected) => {
		const result = await tools.run('glob', { pattern }, ws.ctx);
		expect(result).toMatchObject({ ok: true });
		if (result.ok) expect(result.content).toContain(expected);
	});

	it('reads a class opening with ] as a class, never as raw regex', async () => {
		expect(await tools.run('glob', { pattern: '[]a]*' }, ws.ctx)).toMatchObject({ ok: true, content: expect.stringContaining(LONG_NAME) });
		expect(await tools.run('glob', { pattern: '[]|.*' }, ws.ctx)).toMatchObject({ ok: true, content: expect.stringContaining('No files match') });
	});

	it.each(['*a*a*a*a*a*a*b', '*?*?*?*?*?*?*?*?*.zz'])('search with glob %s answers within the limit', async (glob) => {
		expect(await tools.run('search', { pattern: 'a', glob }, ws.ctx)).toMatchObject({ ok: true, content: expect.stringContaining('No matches') });
	});

	it('keeps another tenant syncing while a search burns its whole time limit', async () => {
		await writeFile(path.join(ws.root, 'slow.txt'), `${'a'.repeat(40)}!\n`);
		const search = tools.run('search', { pattern: '^(a+)+$', path: 'slow.txt' }, ws.ctx);
		let searchDone = false;
		void search.then(() => (searchDone = true));
		const device = connectDevice(server.syncUrl, 'index', TOKENS.beta);
		try {
			await synced(device.provider);
			expect(searchDone).toBe(false);
		} finally {
			device.destroy();
		}
		expect(await search).toMatchObject({ ok: false, reason: expect.stringMatching(/^(regex-)?timeout$/) });
		// The worker that timed out was replaced: the next call works.
		expect(await tools.run('glob', { pattern: '*.md' }, ws.ctx)).toEqual({ ok: true, content: 'src/notes.md' });
	});

	it('stops a job when the turn is stopped', async () => {
		const stop = new AbortController();
		const search = tools.run('search', { pattern: '^(a+)+$', path: 'slow.txt' }, { root: ws.root, signal: stop.signal });
		stop.abort();
		expect(await search).toMatchObject({ ok: false, reason: 'aborted' });
	});
});
