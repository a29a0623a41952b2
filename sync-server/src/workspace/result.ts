// What a workspace operation returns: content, or a refusal with a stable kebab-case reason (never a thrown error).
import type { FileChange } from '../../../src/lib/core/tools';

export type WorkspaceReason =
	| 'invalid-input'
	| 'invalid-path'
	| 'absolute-path'
	| 'parent-traversal'
	| 'nul-byte'
	| 'encoded-separator'
	| 'backslash'
	| 'outside-workspace'
	| 'dangling-symlink'
	| 'symlink-loop'
	| 'special-file'
	| 'file-too-large'
	| 'binary-file'
	| 'not-found'
	| 'not-a-file'
	| 'not-a-directory'
	| 'permission-denied'
	| 'no-match'
	| 'ambiguous-match'
	| 'invalid-regex'
	| 'regex-timeout'
	| 'timeout'
	| 'aborted'
	| 'unknown-tool'
	| 'tool-disabled'
	| 'workspace-not-allowed'
	| 'tool-failed';

export interface Failure {
	ok: false;
	reason: WorkspaceReason;
	message: string;
}

export type ToolResult = { ok: true; content: string; changes?: FileChange[] } | Failure;

export function fail(reason: WorkspaceReason, message: string): Failure {
	return { ok: false, reason, message };
}

const FS_REASONS: Record<string, [WorkspaceReason, string]> = {
	ENOENT: ['not-found', 'does not exist'],
	ENOTDIR: ['not-a-directory', 'has a file where a folder is expected'],
	EISDIR: ['not-a-file', 'is a folder, not a file'],
	EACCES: ['permission-denied', 'is not accessible to the server'],
	EPERM: ['permission-denied', 'is not accessible to the server'],
	ELOOP: ['symlink-loop', 'is a symbolic link loop, or a link where none is allowed'],
	ENXIO: ['special-file', 'is a device, pipe or socket'],
	EFBIG: ['file-too-large', 'is too large'],
	ENAMETOOLONG: ['invalid-path', 'has a name longer than the file system allows (255 bytes)']
};

/** Maps a Node fs error about `rel` to a refusal; unexpected errors keep their code in the message. */
export function fromFsError(err: unknown, rel: string): Failure {
	const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
	const known = FS_REASONS[code];
	if (known) return fail(known[0], `${rel} ${known[1]}.`);
	return fail('tool-failed', `${rel}: ${(err as Error | undefined)?.message ?? String(err)}`);
}
