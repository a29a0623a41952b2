// The runner's side of checkpoints: the session's folder snapshotted around each turn. A snapshot that
// fails is logged and the turn runs anyway (rewinding to it then says it has no checkpoint).
import type { Logger } from 'pino';
import type { TurnDeps } from '../runner/turn';
import { resolveWorkspace, type WorkspaceConfig } from '../workspace/resolve';
import type { Checkpoints } from './checkpoints';

export function turnCheckpoints(checkpoints: Checkpoints, workspaces: WorkspaceConfig, log: Logger): NonNullable<TurnDeps['checkpoint']> {
	return async ({ tenant, sessionId, workspace, folderOf }, promptId, when) => {
		try {
			// A fork snapshots the folder it shares with its origin, under its own session.
			const root = await resolveWorkspace(workspaces, tenant, folderOf ?? sessionId, workspace);
			if (!root.ok) return;
			await checkpoints.turn({ tenant, sessionId, root: root.root }, promptId, when);
		} catch (err) {
			log.error({ err, tenant, sessionId, promptId, when }, 'could not record a checkpoint');
		}
	};
}
