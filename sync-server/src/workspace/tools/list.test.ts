import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { listTool } from './list';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
	await writeFile(path.join(ws.root, 'b.txt'), '12345');
	await mkdir(path.join(ws.root, 'src'));
	await writeFile(path.join(ws.root, 'src', 'deep.ts'), '');
	await symlink(ws.outside, path.join(ws.root, 'out'));
});
afterEach(() => ws.cleanup());

describe('list', () => {
	it('lists one folder, folders first, with sizes, without descending', async () => {
		expect(await listTool.run({}, ws.ctx)).toEqual({ ok: true, content: 'src/\nb.txt  (5 bytes)\nout  (symbolic link)' });
	});

	it('lists a subfolder', async () => {
		expect(await listTool.run({ path: 'src' }, ws.ctx)).toEqual({ ok: true, content: 'deep.ts  (0 bytes)' });
	});

	it('refuses to list through a symlink out of the workspace', async () => {
		expect(await listTool.run({ path: 'out' }, ws.ctx)).toMatchObject({ ok: false, reason: 'outside-workspace' });
	});

	it('refuses a file and says an empty folder is empty', async () => {
		expect(await listTool.run({ path: 'b.txt' }, ws.ctx)).toMatchObject({ ok: false, reason: 'not-a-directory' });
		await mkdir(path.join(ws.root, 'empty'));
		expect(await listTool.run({ path: 'empty' }, ws.ctx)).toEqual({ ok: true, content: 'empty is empty.' });
	});
});
