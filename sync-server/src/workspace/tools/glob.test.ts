import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { globTool } from './glob';

let ws: TestWorkspace;
async function put(rel: string) {
	await mkdir(path.dirname(path.join(ws.root, rel)), { recursive: true });
	await writeFile(path.join(ws.root, rel), '');
}
beforeEach(async () => {
	ws = await makeWorkspace();
	for (const rel of ['README.md', 'src/a.ts', 'src/b.js', 'src/lib/c.ts', 'node_modules/dep/index.ts', '.git/HEAD']) await put(rel);
	await writeFile(path.join(ws.outside, 'evil.ts'), '');
	await symlink(ws.outside, path.join(ws.root, 'src', 'out'));
});
afterEach(() => ws.cleanup());

describe('glob', () => {
	it('matches across folders, sorted, skipping node_modules and .git and never following symlinks', async () => {
		expect(await globTool.run({ pattern: '**/*.ts' }, ws.ctx)).toEqual({ ok: true, content: 'src/a.ts\nsrc/lib/c.ts' });
		expect(await globTool.run({ pattern: '*.ts' }, ws.ctx)).toEqual({ ok: true, content: 'src/a.ts\nsrc/lib/c.ts' });
	});

	it('searches node_modules when the pattern names it', async () => {
		expect(await globTool.run({ pattern: 'node_modules/**/*.ts' }, ws.ctx)).toEqual({ ok: true, content: 'node_modules/dep/index.ts' });
	});

	it('matches relative to the path given, and reports workspace paths', async () => {
		expect(await globTool.run({ pattern: '*.{ts,js}', path: 'src/lib' }, ws.ctx)).toEqual({ ok: true, content: 'src/lib/c.ts' });
		expect(await globTool.run({ pattern: '*', path: 'src' }, ws.ctx)).toMatchObject({ ok: true, content: 'src/a.ts\nsrc/b.js\nsrc/lib/c.ts' });
	});

	it('stops at max_results and says so', async () => {
		const result = await globTool.run({ pattern: '**/*', max_results: 2 }, ws.ctx);
		expect(result).toMatchObject({ ok: true });
		if (result.ok) expect(result.content.split('\n')).toEqual(['README.md', 'src/a.ts', '[stopped after 2 results; narrow the pattern or the path]']);
	});

	it('says when nothing matches', async () => {
		expect(await globTool.run({ pattern: '*.py' }, ws.ctx)).toEqual({ ok: true, content: 'No files match *.py.' });
	});

	it('refuses patterns and folders that leave the workspace', async () => {
		expect(await globTool.run({ pattern: '../**/*' }, ws.ctx)).toMatchObject({ ok: false, reason: 'parent-traversal' });
		expect(await globTool.run({ pattern: '/etc/*' }, ws.ctx)).toMatchObject({ ok: false, reason: 'absolute-path' });
		expect(await globTool.run({ pattern: '*', path: 'src/out' }, ws.ctx)).toMatchObject({ ok: false, reason: 'outside-workspace' });
	});

	it('gives up when the turn is stopped', async () => {
		const controller = new AbortController();
		controller.abort();
		expect(await globTool.run({ pattern: '*' }, { root: ws.root, signal: controller.signal })).toMatchObject({ ok: false, reason: 'aborted' });
	});
});
