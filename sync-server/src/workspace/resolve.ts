// Finds or makes a session's working directory: its own folder under DATA_DIR, or an existing folder inside an allowed root.
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isId } from '../../../src/lib/core/ids';
import { isInside } from './pathGuard';
import { fail, fromFsError, type Failure } from './result';

export interface WorkspaceConfig {
	dataDir: string;
	/** Absolute folders under which a session may work in an existing folder (WORKSPACE_ROOTS). */
	roots: readonly string[];
}

/** The real path of the session's working directory, created when it is the default one. */
export async function resolveWorkspace(
	config: WorkspaceConfig,
	tenant: string,
	sessionId: string,
	requested?: string | null
): Promise<{ ok: true; root: string } | Failure> {
	if (!isId(tenant) || !isId(sessionId)) return fail('invalid-input', 'The tenant or session id is not valid.');
	if (!requested) {
		const dir = path.resolve(config.dataDir, 'workspaces', tenant, sessionId);
		try {
			await mkdir(dir, { recursive: true });
			return { ok: true, root: await realpath(dir) };
		} catch (err) {
			return fromFsError(err, 'The session folder');
		}
	}
	return allowedFolder(config, requested);
}

/** The real path of an existing folder inside an allowed root and outside DATA_DIR; creates nothing. */
export async function allowedFolder(config: WorkspaceConfig, requested: string): Promise<{ ok: true; root: string } | Failure> {
	if (!path.isAbsolute(requested) || requested.includes('\0')) return fail('invalid-path', 'The working folder must be an absolute path.');
	const allowed = config.roots.length > 0 ? `allowed: ${config.roots.join(', ')}` : 'this server allows none (WORKSPACE_ROOTS)';
	const notAllowed = fail('workspace-not-allowed', `${requested} is not inside a folder the server allows sessions to work in (${allowed}).`);
	const roots = (await Promise.all(config.roots.map((root) => realpath(root).catch(() => null)))).filter((r) => r !== null);
	const dataDir = await realpath(config.dataDir).catch(() => path.resolve(config.dataDir));
	const permitted = (candidate: string) => roots.some((root) => isInside(root, candidate)) && !isInside(dataDir, candidate);
	// Checked by name first, so a path outside the roots learns nothing about what exists there.
	const named = path.resolve(requested);
	if (!config.roots.some((root) => isInside(path.resolve(root), named)) && !roots.some((root) => isInside(root, named))) return notAllowed;
	let real: string;
	try {
		real = await realpath(requested);
		if (!(await stat(real)).isDirectory()) return fail('not-a-directory', `${requested} is not a folder.`);
	} catch (err) {
		return fromFsError(err, requested);
	}
	return permitted(real) ? { ok: true, root: real } : notAllowed;
}
