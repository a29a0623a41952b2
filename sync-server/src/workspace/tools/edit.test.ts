import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type TestWorkspace } from '../testing';
import { countOccurrences, editTool } from './edit';

let ws: TestWorkspace;
const file = () => path.join(ws.root, 'app.ts');
beforeEach(async () => {
	ws = await makeWorkspace();
	await writeFile(file(), 'const a = 1;\nconst b = 1;\nlog(a);\n');
});
afterEach(() => ws.cleanup());

describe('edit', () => {
	it('replaces a unique string and returns the diff', async () => {
		const result = await editTool.run({ path: 'app.ts', old_string: 'log(a);', new_string: 'log(a, b);' }, ws.ctx);
		expect(result).toMatchObject({ ok: true, content: 'Updated app.ts (3 lines).' });
		expect(await readFile(file(), 'utf8')).toBe('const a = 1;\nconst b = 1;\nlog(a, b);\n');
		if (result.ok) {
			expect(result.changes![0].before).toBe('const a = 1;\nconst b = 1;\nlog(a);\n');
			expect(result.changes![0].patch).toContain('-log(a);\n+log(a, b);');
		}
	});

	it('refuses an ambiguous string and leaves the file alone', async () => {
		const result = await editTool.run({ path: 'app.ts', old_string: ' = 1;', new_string: ' = 2;' }, ws.ctx);
		expect(result).toMatchObject({ ok: false, reason: 'ambiguous-match', message: expect.stringContaining('2 times') });
		expect(await readFile(file(), 'utf8')).toBe('const a = 1;\nconst b = 1;\nlog(a);\n');
	});

	it('replaces every occurrence with replace_all', async () => {
		expect(await editTool.run({ path: 'app.ts', old_string: ' = 1;', new_string: ' = 2;', replace_all: true }, ws.ctx)).toMatchObject({ ok: true });
		expect(await readFile(file(), 'utf8')).toBe('const a = 2;\nconst b = 2;\nlog(a);\n');
	});

	it('refuses a string that is absent', async () => {
		expect(await editTool.run({ path: 'app.ts', old_string: 'const c', new_string: 'x' }, ws.ctx)).toMatchObject({ ok: false, reason: 'no-match' });
	});

	it('inserts replacement text literally, even with $ patterns', async () => {
		await editTool.run({ path: 'app.ts', old_string: 'log(a);', new_string: "log('$&$1$$');" }, ws.ctx);
		expect(await readFile(file(), 'utf8')).toContain("log('$&$1$$');");
	});

	it('refuses a missing file, an empty old_string and a no-op', async () => {
		expect(await editTool.run({ path: 'none.ts', old_string: 'a', new_string: 'b' }, ws.ctx)).toMatchObject({ ok: false, reason: 'not-found' });
		expect(await editTool.run({ path: 'app.ts', old_string: '', new_string: 'b' }, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-input' });
		expect(await editTool.run({ path: 'app.ts', old_string: 'log', new_string: 'log' }, ws.ctx)).toMatchObject({ ok: false, reason: 'invalid-input' });
	});

	it('refuses to edit a binary file', async () => {
		await writeFile(path.join(ws.root, 'x.bin'), Buffer.from([0x61, 0, 0x62]));
		expect(await editTool.run({ path: 'x.bin', old_string: 'a', new_string: 'c' }, ws.ctx)).toMatchObject({ ok: false, reason: 'binary-file' });
	});

	it('applies two concurrent edits one after the other', async () => {
		const [one, two] = await Promise.all([
			editTool.run({ path: 'app.ts', old_string: 'const a = 1;', new_string: 'const a = 10;' }, ws.ctx),
			editTool.run({ path: 'app.ts', old_string: 'const b = 1;', new_string: 'const b = 20;' }, ws.ctx)
		]);
		expect(one.ok && two.ok).toBe(true);
		expect(await readFile(file(), 'utf8')).toBe('const a = 10;\nconst b = 20;\nlog(a);\n');
	});

	it('counts non-overlapping occurrences', () => {
		expect(countOccurrences('aaaa', 'aa')).toBe(2);
		expect(countOccurrences('abc', 'd')).toBe(0);
	});
});
