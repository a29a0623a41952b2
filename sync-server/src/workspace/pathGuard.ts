// Every path a tool or the file API touches goes through here: it resolves to a real path inside the workspace, or is refused.
import { lstat, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { fail, fromFsError, type Failure } from './result';

export const MAX_PATH_CHARS = 4096;

export interface GuardedPath {
	ok: true;
	/** Real absolute path: symlinks resolved, so it is what the kernel will open. */
	abs: string;
	/** Workspace-relative, / separated; '.' for the root itself. */
	rel: string;
	/** null when the path does not exist yet (only with `create`). */
	stats: Stats | null;
}

export interface GuardOptions {
	/** Allow a path that does not exist yet (its nearest existing ancestor is checked instead). */
	create?: boolean;
}

// Percent-encoded dots, slashes, backslashes and NULs, also double-encoded (%252e): never literal file names worth the risk.
const ENCODED = /%(25)*(2e|2f|5c|00)/i;
// Control characters, and the bidirectional overrides and isolates that make `evil\u202Egnp.sh` read as a PNG.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Checks the shape of a client- or model-supplied path without touching the disk; returns its segments. */
export function checkPathShape(input: string): string[] | Failure {
	if (typeof input !== 'string') return fail('invalid-path', 'The path must be a string.');
	if (input.length > MAX_PATH_CHARS) return fail('invalid-path', `The path is longer than ${MAX_PATH_CHARS} characters.`);
	if (input.includes('\0')) return fail('nul-byte', 'The path contains a NUL byte.');
	if (CONTROL.test(input)) return fail('invalid-path', 'The path contains control or text-direction characters.');
	if (input.includes('\\')) return fail('backslash', 'Use / to separate folders; backslashes are not allowed in paths.');
	if (ENCODED.test(input)) return fail('encoded-separator', 'The path contains a percent-encoded dot, slash or NUL; send it unencoded.');
	if (input.startsWith('/') || /^[A-Za-z]:/.test(input) || input.startsWith('~'))
		return fail('absolute-path', `${input} is absolute; give a path relative to the workspace root.`);
	const segments = input.split('/').filter((s) => s !== '' && s !== '.');
	if (segments.includes('..')) return fail('parent-traversal', `${input} goes up with ..; paths must stay inside the workspace.`);
	return segments;
}

/** True when `real` is `root` or below it (both already real and absolute). */
export function isInside(root: string, real: string): boolean {
	const rel = path.relative(root, real);
	return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function relOf(root: string, real: string): string {
	return path.relative(root, real).split(path.sep).join('/') || '.';
}

const isErr = (err: unknown, code: string) => (err as NodeJS.ErrnoException)?.code === code;

/** Resolves `input` inside `root`, following symlinks; refuses anything that would land elsewhere or is not a file or folder. */
export async function guardPath(root: string, input: string, options: GuardOptions = {}): Promise<GuardedPath | Failure> {
	const segments = checkPathShape(input);
	if (!Array.isArray(segments)) return segments;
	const shown = segments.join('/') || '.';
	let rootReal: string;
	try {
		rootReal = await realpath(root);
	} catch (err) {
		return fromFsError(err, 'The workspace folder');
	}
	try {
		const real = await realpath(path.join(rootReal, ...segments));
		if (!isInside(rootReal, real)) return fail('outside-workspace', `${shown} leads outside the workspace through a symbolic link.`);
		const stats = await stat(real);
		if (!stats.isFile() && !stats.isDirectory()) return fail('special-file', `${shown} is a device, pipe or socket; only files and folders are allowed.`);
		return { ok: true, abs: real, rel: relOf(rootReal, real), stats };
	} catch (err) {
		if (!isErr(err, 'ENOENT')) return fromFsError(err, shown);
	}
	return guardMissing(rootReal, segments, shown, options);
}

// The path does not exist: find its nearest existing ancestor, which must itself resolve inside the workspace.
async function guardMissing(rootReal: string, segments: string[], shown: string, options: GuardOptions): Promise<GuardedPath | Failure> {
	for (let depth = segments.length - 1; depth >= 0; depth--) {
		let ancestor: string;
		try {
			ancestor = await realpath(path.join(rootReal, ...segments.slice(0, depth)));
		} catch (err) {
			if (isErr(err, 'ENOENT')) continue;
			return fromFsError(err, shown);
		}
		if (!isInside(rootReal, ancestor)) return fail('outside-workspace', `${shown} leads outside the workspace through a symbolic link.`);
		const next = path.join(ancestor, segments[depth]);
		// realpath failed below this ancestor although `next` has an entry: it is a symlink to nowhere, which a write would follow.
		const dangling = await lstat(next).then(
			() => true,
			() => false
		);
		if (dangling) return fail('dangling-symlink', `${shown} goes through a symbolic link whose target does not exist.`);
		if (!options.create) return fail('not-found', `${shown} does not exist.`);
		const abs = path.join(ancestor, ...segments.slice(depth));
		return { ok: true, abs, rel: relOf(rootReal, abs), stats: null };
	}
	return fail('not-found', `${shown} does not exist.`);
}
