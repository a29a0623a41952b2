// The runner's side of checkpoints: the session's folder snapshotted around each turn (a fork's own
// folder made first, fork-folder.ts). A snapshot that fails is logged and the turn runs anyway
// (rewinding to it then says it has no checkpoint).
import type { Logger } from 'pino';
import type { TurnDeps } from '../runner/turn';
import { indexedSession } from '../sync/index-doc';
import { resolveWorkspace } from '../workspace/resolve';
import { ensureForkFolder, type ForkFolderDeps } from './fork-folder';

export function turnCheckpoints(deps: ForkFolderDeps, log: Logger): NonNullable<TurnDeps['checkpoint']> {
	const { checkpoints, workspaces } = deps;
	return async ({ tenant, sessionId, workspace, folderOf }, promptId, when) => {
		try {
			if (when === 'before') {
				const session = await indexedSession(deps.host, tenant, sessionId);
				if (session) await ensureForkFolder(deps, tenant, session);
			}
			// A fork snapshots the folder it shares with its origin, under its own session.
			const root = await resolveWorkspace(workspaces, tenant, folderOf ?? sessionId, workspace);
			if (!root.ok) return;
			await checkpoints.turn({ tenant, sessionId, root: root.root }, promptId, when);
		} catch (err) {
			log.error({ err, tenant, sessionId, promptId, when }, 'could not record a checkpoint');
		}
	};
}
