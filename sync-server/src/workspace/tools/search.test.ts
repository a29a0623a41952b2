import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { MAX_SEARCH_FILE_BYTES, searchTool } from './search';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
	await mkdir(path.join(ws.root, 'src'));
	await writeFile(path.join(ws.root, 'src', 'a.ts'), 'const x = 1; // TODO fix\nconst y = 2;\r\n// todo later\n');
	await writeFile(path.join(ws.root, 'notes.md'), '# TODO list\n');
	await writeFile(path.join(ws.root, 'image.bin'), Buffer.from([0x54, 0x4f, 0x44, 0x4f, 0, 1, 2]));
	await writeFile(path.join(ws.root, 'big.log'), 'TODO\n'.repeat(Math.ceil(MAX_SEARCH_FILE_BYTES / 5) + 10));
	await writeFile(path.join(ws.outside, 'leak.ts'), 'TODO secret\n');
	await symlink(ws.outside, path.join(ws.root, 'out'));
});
afterEach(() => ws.cleanup());

describe('search', () => {
	it('finds matching lines as path:line: text, skipping binary and huge files and symlinks out', async () => {
		const result = await searchTool.run({ pattern: 'TODO' }, ws.ctx);
		expect(result).toEqual({
			ok: true,
			content: `notes.md:1: # TODO list\nsrc/a.ts:1: const x = 1; // TODO fix\n[skipped 1 binary files and 1 files over ${MAX_SEARCH_FILE_BYTES} bytes]`
		});
	});

	it('matches case-insensitively, per line, ignoring CR line ends', async () => {
		const result = await searchTool.run({ pattern: '^const y = 2;$|todo later', path: 'src', case_insensitive: true }, ws.ctx);
		expect(result).toEqual({ ok: true, content: 'src/a.ts:2: const y = 2;\r\nsrc/a.ts:3: // todo later'.replace('\r', '') });
	});

	it('filters files by glob and searches a single file', async () => {
		expect(await searchTool.run({ pattern: 'TODO', glob: '*.md' }, ws.ctx)).toMatchObject({ ok: true, content: 'notes.md:1: # TODO list' });
		expect(await searchTool.run({ pattern: 'const', path: 'src/a.ts' }, ws.ctx)).toMatchObject({
			ok: true,
			content: 'src/a.ts:1: const x = 1; // TODO fix\nsrc/a.ts:2: const y = 2;'
		});
	});

	it('stops at max_matches', async () => {
		const result = await searchTool.run({ pattern: 'const', max_matches: 1 }, ws.ctx);
		expect(result).toMatchObject({ ok: true, content: expect.stringMatching(/^src\/a.ts:1: const x = 1; \/\/ TODO fix\n\[stopped after 1 matches; narrow the pattern, path or glob\]/) });
	});

	it('refuses an invalid regex and a catastrophic one', async () => {
		expect(await searchTool.run({ pattern: '(unclosed' }, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-regex' });
		await writeFile(path.join(ws.root, 'aaa.txt'), 'a'.repeat(40) + 'b\n');
		expect(await searchTool.run({ pattern: '^(a+)+$', path: 'aaa.txt' }, ws.ctx)).toMatchObject({ ok: false, reason: 'regex-timeout' });
	});

	it('says when nothing matches', async () => {
		expect(await searchTool.run({ pattern: 'nothing-here' }, ws.ctx)).toMatchObject({ ok: true, content: expect.stringMatching(/^No matches for nothing-here\./) });
	});

	it('refuses a path out of the workspace', async () => {
		expect(await searchTool.run({ pattern: 'TODO', path: 'out' }, ws.ctx)).toMatchObject({ ok: false, reason: 'outside-workspace' });
	});
});
