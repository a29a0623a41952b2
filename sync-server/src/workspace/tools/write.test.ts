import { chmod, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { writeTool } from './write';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe('write', () => {
	it('creates a file and its folders, and returns a creation diff', async () => {
		const result = await writeTool.run({ path: 'src/new/hello.ts', content: 'export const hi = 1;\n' }, ws.ctx);
		expect(result).toMatchObject({ ok: true, content: 'Created src/new/hello.ts (1 lines).' });
		expect(await readFile(path.join(ws.root, 'src/new/hello.ts'), 'utf8')).toBe('export const hi = 1;\n');
		if (!result.ok) return;
		expect(result.changes).toHaveLength(1);
		const change = result.changes![0];
		expect(change).toMatchObject({ path: 'src/new/hello.ts', before: null, after: 'export const hi = 1;\n' });
		expect(change.patch).toContain('--- /dev/null');
		expect(change.patch).toContain('+++ b/src/new/hello.ts');
		expect(change.patch).toContain('+export const hi = 1;');
	});

	it('overwrites a file, keeping its mode, and diffs old against new', async () => {
		const file = path.join(ws.root, 'run.sh');
		await writeFile(file, 'echo one\n');
		await chmod(file, 0o755);
		const result = await writeTool.run({ path: 'run.sh', content: 'echo two\n' }, ws.ctx);
		expect(result).toMatchObject({ ok: true, changes: [{ before: 'echo one\n', after: 'echo two\n' }] });
		if (result.ok) expect(result.changes![0].patch).toMatch(/-echo one\n\+echo two/);
		expect((await stat(file)).mode & 0o777).toBe(0o755);
	});

	it('reports no change when the content is the same', async () => {
		await writeFile(path.join(ws.root, 'same.txt'), 'x\n');
		expect(await writeTool.run({ path: 'same.txt', content: 'x\n' }, ws.ctx)).toMatchObject({ ok: true, changes: [] });
	});

	it('replaces a symlink that stays inside by writing its target, and leaves no temp files', async () => {
		await writeFile(path.join(ws.root, 'target.txt'), 'old\n');
		await symlink('target.txt', path.join(ws.root, 'alias.txt'));
		expect(await writeTool.run({ path: 'alias.txt', content: 'new\n' }, ws.ctx)).toMatchObject({ ok: true, changes: [{ path: 'target.txt' }] });
		expect(await readFile(path.join(ws.root, 'target.txt'), 'utf8')).toBe('new\n');
		expect((await readdir(ws.root)).sort()).toEqual(['alias.txt', 'target.txt']);
	});

	it('never writes through a symlink to outside the workspace', async () => {
		await symlink(path.join(ws.outside, 'secret.txt'), path.join(ws.root, 'leak.txt'));
		await symlink(ws.outside, path.join(ws.root, 'out'));
		await symlink(path.join(ws.outside, 'planted.txt'), path.join(ws.root, 'dangling.txt'));
		expect(await writeTool.run({ path: 'leak.txt', content: 'pwned' }, ws.ctx)).toMatchObject({ ok: false, reason: 'outside-workspace' });
		expect(await writeTool.run({ path: 'out/new.txt', content: 'pwned' }, ws.ctx)).toMatchObject({ ok: false, reason: 'outside-workspace' });
		expect(await writeTool.run({ path: 'dangling.txt', content: 'pwned' }, ws.ctx)).toMatchObject({ ok: false, reason: 'dangling-symlink' });
		expect(await readFile(path.join(ws.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
		await expect(stat(path.join(ws.outside, 'planted.txt'))).rejects.toThrow();
		await expect(stat(path.join(ws.outside, 'new.txt'))).rejects.toThrow();
	});

	it('refuses content whose UTF-8 size is over the cap, leaving nothing behind', async () => {
		const result = await writeTool.run({ path: 'big.txt', content: 'é'.repeat(1_100_000) }, ws.ctx);
		expect(result).toMatchObject({ ok: false, reason: 'file-too-large' });
		expect(await readdir(ws.root)).toEqual([]);
	});

	it('refuses to replace a binary file or a folder', async () => {
		await writeFile(path.join(ws.root, 'blob.bin'), Buffer.from([1, 0, 2]));
		expect(await writeTool.run({ path: 'blob.bin', content: 'text' }, ws.ctx)).toMatchObject({ ok: false, reason: 'binary-file' });
		expect(await writeTool.run({ path: '.', content: 'text' }, ws.ctx)).toMatchObject({ ok: false, reason: 'not-a-file' });
	});
});
