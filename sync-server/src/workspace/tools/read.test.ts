import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { MAX_READ_CHARS, readTool } from './read';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('read', () => {
	it('numbers lines from 1', async () => {
		await writeFile(path.join(ws.root, 'a.txt'), 'first\r\nsecond\n');
		expect(await readTool.run({ path: 'a.txt' }, ws.ctx)).toEqual({ ok: true, content: '     1\tfirst\n     2\tsecond' });
	});

	it('reads a range and says how to read on', async () => {
		await writeFile(path.join(ws.root, 'long.txt'), numbered(50));
		const result = await readTool.run({ path: 'long.txt', offset: 10, limit: 3 }, ws.ctx);
		expect(result).toEqual({ ok: true, content: '    10\tline 10\n    11\tline 11\n    12\tline 12\n[lines 10-12 of 50; read on with offset 13]' });
	});

	it('says when the offset is past the end', async () => {
		await writeFile(path.join(ws.root, 'short.txt'), numbered(3));
		const result = await readTool.run({ path: 'short.txt', offset: 9 }, ws.ctx);
		expect(result).toMatchObject({ ok: true, content: expect.stringContaining('has 3 lines') });
	});

	it('says a file is empty', async () => {
		await writeFile(path.join(ws.root, 'empty.txt'), '');
		expect(await readTool.run({ path: 'empty.txt' }, ws.ctx)).toEqual({ ok: true, content: 'empty.txt is empty.' });
	});

	it('does not dump a binary file', async () => {
		await writeFile(path.join(ws.root, 'img.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
		const result = await readTool.run({ path: 'img.png' }, ws.ctx);
		expect(result).toMatchObject({ ok: false, reason: 'binary-file' });
		expect(JSON.stringify(result)).not.toContain('PNG');
	});

	it('caps the output of a file with very long lines', async () => {
		await writeFile(path.join(ws.root, 'wide.txt'), Array.from({ length: 200 }, () => 'x'.repeat(3000)).join('\n'));
		const result = await readTool.run({ path: 'wide.txt' }, ws.ctx);
		if (!result.ok) throw new Error(result.message);
		expect(result.content.length).toBeLessThan(MAX_READ_CHARS + 200);
		expect(result.content).toContain('[line cut at 2000 characters]');
		expect(result.content).toMatch(/read on with offset \d+\]$/);
	});

	it('refuses a file larger than the read cap', async () => {
		await writeFile(path.join(ws.root, 'huge.log'), Buffer.alloc(5 * 1024 * 1024, 0x61));
		expect(await readTool.run({ path: 'huge.log' }, ws.ctx)).toMatchObject({ ok: false, reason: 'file-too-large' });
	});

	it('refuses a folder, a missing file and bad input', async () => {
		expect(await readTool.run({ path: '.' }, ws.ctx)).toMatchObject({ ok: false, reason: 'not-a-file' });
		expect(await readTool.run({ path: 'nope.txt' }, ws.ctx)).toMatchObject({ ok: false, reason: 'not-found' });
		expect(await readTool.run({ path: 'a.txt', offset: 0 }, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-input' });
		expect(await readTool.run({ file_path: 'a.txt' }, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-input' });
	});

	it('refuses paths that leave the workspace', async () => {
		expect(await readTool.run({ path: '../outside/secret.txt' }, ws.ctx)).toMatchObject({ ok: false, reason: 'parent-traversal' });
		expect(await readTool.run({ path: path.join(ws.outside, 'secret.txt') }, ws.ctx)).toMatchObject({ ok: false, reason: 'absolute-path' });
	});
});
