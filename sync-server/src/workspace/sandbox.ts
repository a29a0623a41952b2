// The sandbox of the shell's commands and of Claude Code's process: each runs under bubblewrap in its own mount, PID, IPC and UTS namespaces,
// seeing the session's folder (writable; Claude Code also its own config folder and install), the system's programs and libraries (read-only), a few files
// from /etc that programs need, a fresh /proc of its own PID namespace, a private /tmp and nothing else:
// no DATA_DIR, no other session, no server process to read secrets from. bwrap itself starts with only
// the command's environment, since inside the sandbox it is PID 1, the shell's parent.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** System folders a build needs, read-only; missing ones are skipped (`--ro-bind-try`). */
const SYSTEM_DIRS = ['/usr', '/opt'];
/** What /etc is read for: users, name resolution, certificates, the dynamic linker, time zones. */
const ETC_FILES = [
	'/etc/passwd',
	'/etc/group',
	'/etc/hosts',
	'/etc/resolv.conf',
	'/etc/nsswitch.conf',
	'/etc/ld.so.cache',
	'/etc/localtime',
	'/etc/ssl',
	'/etc/ca-certificates',
	'/etc/alternatives'
];
/** Merged-/usr layouts link these at the top level. */
const USR_LINKS = [
	['usr/bin', '/bin'],
	['usr/sbin', '/sbin'],
	['usr/lib', '/lib'],
	['usr/lib64', '/lib64']
] as const;

export interface SandboxCommand {
	file: string;
	args: string[];
}

export interface SandboxMounts {
	/** Folders the sandbox may change (the session's folder first), at their own paths. */
	writable: readonly string[];
	/** Further folders it may read, at their own paths (a program's own install). */
	readable?: readonly string[];
	chdir: string;
}

/** bubblewrap's arguments up to the command: the system read-only, the given folders, nothing else. */
export function sandboxArgs({ writable, readable = [], chdir }: SandboxMounts): string[] {
	const args = ['--die-with-parent', '--new-session', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
	for (const dir of SYSTEM_DIRS) args.push('--ro-bind-try', dir, dir);
	for (const [target, link] of USR_LINKS) args.push('--symlink', target, link);
	for (const file of ETC_FILES) args.push('--ro-bind-try', file, file);
	// After the private /tmp, so folders under /tmp (tests' DATA_DIR) are mounted into it.
	args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
	for (const dir of readable) args.push('--ro-bind', dir, dir);
	for (const dir of writable) args.push('--bind', dir, dir);
	args.push('--chdir', chdir);
	return args;
}

/** How to run `shell -c command` with `root` as the only visible, writable folder. */
export function sandboxed(bwrap: string, shell: string, command: string, root: string): SandboxCommand {
	return { file: bwrap, args: [...sandboxArgs({ writable: [root], chdir: root }), '--', shell, '-c', command] };
}

export type SandboxCheck = { ok: true; bwrap: string } | { ok: false; reason: string };

/** Whether bubblewrap is installed and can make the namespaces here (a container may forbid them). */
export function checkSandbox(bwrap = '/usr/bin/bwrap'): Promise<SandboxCheck> {
	if (!existsSync(bwrap)) return Promise.resolve({ ok: false, reason: `bubblewrap is not installed (${bwrap} is missing; apt-get install bubblewrap)` });
	const probe = sandboxed(bwrap, '/bin/sh', 'true', '/tmp');
	return new Promise((resolve) =>
		execFile(probe.file, probe.args, { env: {}, timeout: 10_000 }, (err, _out, stderr) =>
			resolve(err ? { ok: false, reason: `bubblewrap cannot create a sandbox here: ${(stderr || err.message).trim().slice(0, 200)}` } : { ok: true, bwrap })
		)
	);
}
