// The file API's view of a session's folder: looked up in the tenant's index on each request, so a
// session another device just created, or whose folder changed, is found without a restart. A fork's
// folder is made here when a device asks for it before the fork's first turn.
import type { Session } from '../../../src/lib/core/model';
import type { DocHost } from '../sync/host';
import { resolveWorkspace } from './resolve';
import type { Failure } from './result';
import { indexedSession } from '../sync/index-doc';

export interface SessionRootOptions {
	host: DocHost;
	dataDir: string;
	roots: readonly string[];
	/** Makes a fork's own folder on first use (checkpoints/fork-folder.ts). */
	prepare?: (tenant: string, session: Session) => Promise<void>;
}

/** null when the tenant has no such session (yet: a new one reaches the server when its device syncs). */
export function sessionWorkspaceRoot(options: SessionRootOptions) {
	return async (tenant: string, sessionId: string): Promise<string | null | Failure> => {
		const session = await indexedSession(options.host, tenant, sessionId);
		if (!session) return null;
		await options.prepare?.(tenant, session);
		const root = await resolveWorkspace({ dataDir: options.dataDir, roots: options.roots }, tenant, session.folderOf ?? sessionId, session.workspace);
		return root.ok ? root.root : root;
	};
}
