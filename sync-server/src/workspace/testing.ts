// Real temporary folders for workspace tests: a workspace, a sibling folder outside it, and hostile links between them.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestWorkspace {
	/** The workspace (a real path). */
	root: string;
	/** A folder beside it holding secret.txt, which no tool may reach. */
	outside: string;
	/** An AbortSignal that is never aborted. */
	signal: AbortSignal;
	ctx: { root: string; signal: AbortSignal };
	cleanup(): Promise<void>;
}

export async function makeWorkspace(): Promise<TestWorkspace> {
	const base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ws-test-')));
	const root = path.join(base, 'ws');
	const outside = path.join(base, 'outside');
	await mkdir(root);
	await mkdir(outside);
	await writeFile(path.join(outside, 'secret.txt'), 'secret\n');
	const signal = new AbortController().signal;
	return { root, outside, signal, ctx: { root, signal }, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** Adds the hostile corpus of links and special files; returns a closer for the socket. */
export async function addHostileEntries(ws: TestWorkspace): Promise<() => Promise<void>> {
	const { root, outside } = ws;
	await writeFile(path.join(root, 'a.txt'), 'hello\n');
	await mkdir(path.join(root, 'src'));
	await writeFile(path.join(root, 'src', 'app.ts'), 'export const x = 1;\n');
	await mkdir(path.join(root, 'sub'));
	await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-out-file'));
	await symlink(outside, path.join(root, 'link-out-dir'));
	await symlink('../../outside', path.join(root, 'sub', 'up-out'));
	await symlink('..', path.join(root, 'sub', 'parent-link'));
	await symlink('a.txt', path.join(root, 'link-in-file'));
	await symlink('src', path.join(root, 'link-in-dir'));
	await symlink(path.join(outside, 'missing.txt'), path.join(root, 'dangling-out'));
	await symlink('missing-inside.txt', path.join(root, 'dangling-in'));
	await symlink('loop2', path.join(root, 'loop1'));
	await symlink('loop1', path.join(root, 'loop2'));
	execFileSync('mkfifo', [path.join(root, 'fifo')]);
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve));
	return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
