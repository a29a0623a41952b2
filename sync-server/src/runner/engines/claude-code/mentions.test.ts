import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusedMention } from './mentions';

let root: string;
let outside: string;

beforeAll(async () => {
	const base = await realpath(await mkdtemp(path.join(tmpdir(), 'mentions-')));
	root = path.join(base, 'session');
	outside = path.join(base, 'other-tenant');
	await mkdir(path.join(root, 'src'), { recursive: true });
	await mkdir(outside);
	await writeFile(path.join(root, 'src', 'a.ts'), 'a');
	await writeFile(path.join(outside, 'secret.txt'), 'secret');
	await symlink(outside, path.join(root, 'link'));
});

describe('refusedMention', () => {
	it('lets mentions inside the folder through, relative or absolute, existing or not', async () => {
		expect(await refusedMention(root, 'read @src/a.ts, @"src/new file.md" and @' + path.join(root, 'src/a.ts'))).toBeNull();
		expect(await refusedMention(root, 'mail me@example.com about it')).toBeNull();
	});

	it.each([
		['an absolute path elsewhere', () => `@${path.join(outside, 'secret.txt')}`],
		['a way up with ..', () => '@../other-tenant/secret.txt'],
		['the home folder', () => '@~/.bashrc'],
		['a link inside that points out', () => '@link/secret.txt'],
		['the process environment', () => 'what is in @/proc/self/environ'],
		['a mention hidden behind an escaped space', () => 'read @x\\ @/etc/hostname'],
		['a mention in quotes or brackets', () => '"@/etc/hostname" (@../other-tenant/secret.txt)'],
		['a mention after a line break', () => 'look\n@/etc/hostname']
	])('refuses %s, naming it', async (_, prompt) => {
		const reason = await refusedMention(root, `fine @src/a.ts then ${prompt()}`);
		expect(reason).toMatch(/^@.+ is outside this session's working folder/);
		expect(reason).not.toContain('src/a.ts is outside');
	});
});
