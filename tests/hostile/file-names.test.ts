// Reported: a file name of 238 to 255 bytes could not be saved: the temporary name built from it passed
// the 255-byte limit, the cleanup then threw, and the API answered 500. Names up to the limit now save,
// through the file API and the write tool alike; a longer one is refused with a clear reason.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceRoutes } from '../../sync-server/src/workspace/routes';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';
import { writeTool } from '../../sync-server/src/workspace/tools/write';

let ws: TestWorkspace;
let app: Hono;
beforeEach(async () => {
	ws = await makeWorkspace();
	app = new Hono();
	app.route('/sessions/:id/files', workspaceRoutes({ getTenant: () => 'alice', workspaceRoot: async () => ws.root }));
});
afterEach(() => ws.cleanup());

const save = (name: string) =>
	app.request('/sessions/s1/files/content', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: name, text: 'saved\n', baseVersion: null }) });

describe('long file names', () => {
	it.each([238, 250, 255])('saves a %i-byte name through the file API and the write tool', async (bytes) => {
		const name = 'n'.repeat(bytes - 4) + '.txt';
		const res = await save(name);
		expect(res.status).toBe(200);
		expect(await readFile(path.join(ws.root, name), 'utf8')).toBe('saved\n');
		const other = 'm'.repeat(bytes - 4) + '.txt';
		expect(await writeTool.run({ path: other, content: 'written\n' }, ws.ctx)).toMatchObject({ ok: true });
	});

	it('refuses a 256-byte name with a reason, not a 500', async () => {
		const res = await save('n'.repeat(252) + '.txt');
		expect(res.status).toBeLessThan(500);
		expect(await res.json()).toMatchObject({ error: { reason: expect.any(String) } });
	});
});
