import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPathShape, guardPath, isInside } from './pathGuard';
import { addHostileEntries, makeWorkspace, type TestWorkspace } from './testing';

let ws: TestWorkspace;
let closeSocket: () => Promise<void>;

beforeAll(async () => {
	ws = await makeWorkspace();
	closeSocket = await addHostileEntries(ws);
});
afterAll(async () => {
	await closeSocket();
	await ws.cleanup();
});

// Refused by shape alone, before the disk is touched.
const SHAPES: [string, string][] = [
	['../etc/passwd', 'parent-traversal'],
	['..', 'parent-traversal'],
	['src/../../etc/passwd', 'parent-traversal'],
	['src/../a.txt', 'parent-traversal'],
	['./../x', 'parent-traversal'],
	['/etc/passwd', 'absolute-path'],
	['//etc/passwd', 'absolute-path'],
	['C:/Windows/win.ini', 'absolute-path'],
	['c:secret', 'absolute-path'],
	['~/.ssh/id_rsa', 'absolute-path'],
	['a.txt\0.png', 'nul-byte'],
	['\0', 'nul-byte'],
	['a.txt%00.png', 'encoded-separator'],
	['%2e%2e%2fetc%2fpasswd', 'encoded-separator'],
	['%2E%2E/etc/passwd', 'encoded-separator'],
	['..%2fetc%2fpasswd', 'encoded-separator'],
	['..%2Fetc', 'encoded-separator'],
	['%252e%252e%252fetc', 'encoded-separator'],
	['src%5c..%5c..%5cetc', 'encoded-separator'],
	['..\\etc\\passwd', 'backslash'],
	['src\\..\\..\\x', 'backslash'],
	['a\nb', 'invalid-path'],
	['a\u001bb', 'invalid-path'],
	['evil\u202egnp.sh', 'invalid-path'],
	['a\u2066b', 'invalid-path'],
	['x'.repeat(5000), 'invalid-path']
];

describe('path shapes refused before touching the disk', () => {
	it.each(SHAPES)('%j → %s', async (input, reason) => {
		const shape = checkPathShape(input);
		expect(shape).toMatchObject({ ok: false, reason });
		expect(await guardPath(ws.root, input, { create: true })).toMatchObject({ ok: false, reason });
	});

	it('normalises harmless shapes', () => {
		expect(checkPathShape('./src//app.ts')).toEqual(['src', 'app.ts']);
		expect(checkPathShape('src/')).toEqual(['src']);
		expect(checkPathShape('')).toEqual([]);
		expect(checkPathShape('a%20b.txt')).toEqual(['a%20b.txt']);
		expect(checkPathShape('..foo')).toEqual(['..foo']);
	});
});

// Shapes that look fine but lead somewhere they must not, found only on disk.
const ON_DISK: [string, string, boolean][] = [
	['link-out-file', 'outside-workspace', false],
	['link-out-dir', 'outside-workspace', false],
	['link-out-dir/secret.txt', 'outside-workspace', false],
	['link-out-dir/new.txt', 'outside-workspace', true],
	['link-out-dir/deeper/new.txt', 'outside-workspace', true],
	['sub/up-out/secret.txt', 'outside-workspace', false],
	['sub/up-out', 'outside-workspace', false],
	['dangling-out', 'dangling-symlink', true],
	['dangling-in', 'dangling-symlink', true],
	['loop1', 'symlink-loop', false],
	['loop1/x', 'symlink-loop', true],
	['fifo', 'special-file', false],
	['sock', 'special-file', false],
	['a.txt/child', 'not-a-directory', true],
	['missing.txt', 'not-found', false]
];

describe('paths refused on disk', () => {
	it.each(ON_DISK)('%s → %s (create: %s)', async (input, reason, create) => {
		expect(await guardPath(ws.root, input, { create })).toMatchObject({ ok: false, reason });
	});

	it('refuses a device file', async () => {
		expect(await guardPath('/dev', 'null')).toMatchObject({ ok: false, reason: 'special-file' });
	});

	it('gives each refusal a message naming the path', async () => {
		const refused = await guardPath(ws.root, 'link-out-dir/secret.txt');
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.message).toContain('link-out-dir/secret.txt');
	});
});

describe('paths allowed', () => {
	it('resolves a symlink that stays inside to its real path', async () => {
		expect(await guardPath(ws.root, 'link-in-file')).toMatchObject({ ok: true, rel: 'a.txt', abs: path.join(ws.root, 'a.txt') });
		expect(await guardPath(ws.root, 'link-in-dir/app.ts')).toMatchObject({ ok: true, rel: 'src/app.ts' });
		expect(await guardPath(ws.root, 'sub/parent-link/a.txt')).toMatchObject({ ok: true, rel: 'a.txt' });
	});

	it('gives the root itself as .', async () => {
		expect(await guardPath(ws.root, '.')).toMatchObject({ ok: true, rel: '.', abs: ws.root });
		expect(await guardPath(ws.root, '')).toMatchObject({ ok: true, rel: '.' });
	});

	it('allows a new path below existing folders only with create', async () => {
		expect(await guardPath(ws.root, 'new/deep/file.txt')).toMatchObject({ ok: false, reason: 'not-found' });
		expect(await guardPath(ws.root, 'new/deep/file.txt', { create: true })).toMatchObject({
			ok: true,
			rel: 'new/deep/file.txt',
			stats: null
		});
	});

	it('treats look-alike dots as plain names inside the workspace', async () => {
		expect(await guardPath(ws.root, '\u2025/etc/passwd', { create: true })).toMatchObject({ ok: true, rel: '\u2025/etc/passwd' });
		expect(await guardPath(ws.root, '\uff0e\uff0e\uff0fetc', { create: true })).toMatchObject({ ok: true });
	});

	it('works when the workspace root itself is reached through a symlink', async () => {
		const viaLink = path.join(ws.root, 'sub', 'parent-link');
		expect(await guardPath(viaLink, 'a.txt')).toMatchObject({ ok: true, rel: 'a.txt' });
		expect(await guardPath(viaLink, 'link-out-file')).toMatchObject({ ok: false, reason: 'outside-workspace' });
	});
});

describe('random hostile paths (seeded)', () => {
	// mulberry32: a tiny deterministic PRNG, so a failure reproduces.
	function rng(seed: number) {
		return () => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const PARTS = ['..', '.', '', 'a.txt', 'src', 'sub', 'up-out', 'parent-link', 'link-out-dir', 'link-in-dir', 'dangling-out', 'loop1', 'fifo', 'x', '%2e', '%2f', '\\', '~', ':', 'secret.txt', '..%2f', '\u2025'];

	it('never returns a path outside the workspace, over 600 generated paths', async () => {
		const next = rng(20240601);
		const rootReal = await realpath(ws.root);
		let allowed = 0;
		for (let i = 0; i < 600; i++) {
			const count = 1 + Math.floor(next() * 5);
			const input = Array.from({ length: count }, () => PARTS[Math.floor(next() * PARTS.length)]).join(next() < 0.9 ? '/' : '');
			const result = await guardPath(ws.root, input, { create: next() < 0.5 });
			if (!result.ok) continue;
			allowed++;
			expect(isInside(rootReal, result.abs), input).toBe(true);
			if (result.stats) expect(await realpath(result.abs), input).toBe(result.abs);
			else expect(isInside(rootReal, await realpath(path.dirname(result.abs)).catch(() => rootReal)), input).toBe(true);
		}
		expect(allowed).toBeGreaterThan(20);
		expect(await readFile(path.join(ws.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
	});
});
