import { execFileSync } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGuardedFile, writeGuardedFile } from './fileio';
import { makeWorkspace, type TestWorkspace } from './testing';

let ws: TestWorkspace;
beforeEach(async () => {
	ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

// These cover the window after the guard checked a path: what is opened then must still be a plain file.
describe('guarded file reads and writes', () => {
	it('refuses to open a symlink swapped in after the check', async () => {
		const abs = path.join(ws.root, 'swapped.txt');
		await symlink(path.join(ws.outside, 'secret.txt'), abs);
		expect(await readGuardedFile(abs, 'swapped.txt')).toMatchObject({ ok: false, reason: 'symlink-loop' });
	});

	it('refuses a FIFO swapped in after the check without hanging', async () => {
		const abs = path.join(ws.root, 'pipe');
		execFileSync('mkfifo', [abs]);
		expect(await readGuardedFile(abs, 'pipe')).toMatchObject({ ok: false, reason: 'special-file' });
	});

	it('replaces a symlink swapped in before a write instead of writing through it', async () => {
		const abs = path.join(ws.root, 'swapped.txt');
		await symlink(path.join(ws.outside, 'secret.txt'), abs);
		expect(await writeGuardedFile(abs, 'swapped.txt', 'new\n')).toEqual({ ok: true });
		expect(await readFile(path.join(ws.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
		expect(await readFile(abs, 'utf8')).toBe('new\n');
	});

	it('reads text with its mode, and marks non-UTF-8 files as not text', async () => {
		await writeFile(path.join(ws.root, 'a.txt'), 'hi\n', { mode: 0o600 });
		expect(await readGuardedFile(path.join(ws.root, 'a.txt'), 'a.txt')).toMatchObject({ ok: true, text: 'hi\n', mode: 0o600 });
		await writeFile(path.join(ws.root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
		expect(await readGuardedFile(path.join(ws.root, 'latin1.txt'), 'latin1.txt')).toMatchObject({ ok: true, text: null });
	});

	it('refuses a file over the size cap', async () => {
		await writeFile(path.join(ws.root, 'big'), Buffer.alloc(2048));
		expect(await readGuardedFile(path.join(ws.root, 'big'), 'big', 1024)).toMatchObject({ ok: false, reason: 'file-too-large' });
	});
});
