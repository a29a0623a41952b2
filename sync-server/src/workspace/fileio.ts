// Reads and writes of workspace files that cannot be redirected: no symlink followed at open, no special file, capped size.
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fail, fromFsError, type Failure } from './result';
import { decodeText } from './text';

/** Largest file read or written as a whole (read, write, edit, the file API); larger files are refused, not truncated. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export interface FileBytes {
	ok: true;
	bytes: Buffer;
	/** null when the file is not UTF-8 text. */
	text: string | null;
	mode: number;
}

/**
 * Reads a file whose path the guard resolved. O_NOFOLLOW refuses a symlink swapped in since the check, and
 * O_NONBLOCK keeps a FIFO swapped in from hanging the open; fstat then checks what was really opened.
 */
export async function readGuardedFile(abs: string, rel: string, maxBytes = MAX_TEXT_BYTES): Promise<FileBytes | Failure> {
	let handle;
	try {
		handle = await open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch (err) {
		return fromFsError(err, rel);
	}
	try {
		const stats = await handle.stat();
		if (stats.isDirectory()) return fail('not-a-file', `${rel} is a folder, not a file.`);
		if (!stats.isFile()) return fail('special-file', `${rel} is a device, pipe or socket; only files and folders are allowed.`);
		if (stats.size > maxBytes) return fail('file-too-large', `${rel} is ${stats.size} bytes; files over ${maxBytes} bytes are not read.`);
		const bytes = await handle.readFile();
		return { ok: true, bytes, text: decodeText(bytes), mode: stats.mode & 0o7777 };
	} catch (err) {
		return fromFsError(err, rel);
	} finally {
		await handle.close();
	}
}

/**
 * Replaces the file atomically: a temporary file in the same folder, then rename. Readers never see half a file,
 * and rename replaces a symlink or hard link at `abs` instead of writing through it to its target.
 */
export async function writeGuardedFile(abs: string, rel: string, text: string, mode?: number): Promise<{ ok: true } | Failure> {
	const size = Buffer.byteLength(text, 'utf8');
	if (size > MAX_TEXT_BYTES) return fail('file-too-large', `${rel} would be ${size} bytes; files over ${MAX_TEXT_BYTES} bytes are not written.`);
	// A fixed-length temporary name: one built from the file's own name passes 255 bytes for long names.
	const temp = path.join(path.dirname(abs), `.sr-${randomBytes(8).toString('hex')}.tmp`);
	try {
		await mkdir(path.dirname(abs), { recursive: true });
		const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
		try {
			await handle.writeFile(text, 'utf8');
		} finally {
			await handle.close();
		}
		if (mode !== undefined) await chmod(temp, mode);
		await rename(temp, abs);
		return { ok: true };
	} catch (err) {
		await rm(temp, { force: true }).catch(() => undefined);
		return fromFsError(err, rel);
	}
}
