// The file API's view of a session's folder: looked up in the tenant's index on each request, so a
// session another device just created, or whose folder changed, is found without a restart.
import { INDEX_DOC } from '../../../src/lib/core/docnames';
import { readSession, sessionsMap } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';
import { resolveWorkspace } from './resolve';
import type { Failure } from './result';

export interface SessionRootOptions {
	host: DocHost;
	dataDir: string;
	roots: readonly string[];
}

/** null when the tenant has no such session (yet: a new one reaches the server when its device syncs). */
export function sessionWorkspaceRoot(options: SessionRootOptions) {
	return async (tenant: string, sessionId: string): Promise<string | null | Failure> => {
		const index = await options.host.open(tenant, INDEX_DOC);
		let workspace: string | undefined;
		try {
			const ymap = sessionsMap(index.doc).get(sessionId);
			const session = ymap && readSession(ymap);
			if (!session) return null;
			workspace = session.workspace;
		} finally {
			index.release();
		}
		const root = await resolveWorkspace({ dataDir: options.dataDir, roots: options.roots }, tenant, sessionId, workspace);
		return root.ok ? root.root : root;
	};
}
