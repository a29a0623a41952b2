// A fork's own folder, made on first use (its first turn, or a device opening its files): a copy of the
// original's folder with the files as they were before the prompt it was forked from. The device that
// forked could not make it (it may be offline, and only the server has the files and checkpoints).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sessionDocName } from '../../../src/lib/core/docnames';
import { isId } from '../../../src/lib/core/ids';
import type { Session } from '../../../src/lib/core/model';
import type { DocHost } from '../sync/host';
import { indexedSession } from '../sync/index-doc';
import { withFileLock } from '../workspace/locks';
import { resolveWorkspace, type WorkspaceConfig } from '../workspace/resolve';
import type { Checkpoints } from './checkpoints';

export interface ForkFolderDeps {
	checkpoints: Checkpoints;
	host: DocHost;
	workspaces: WorkspaceConfig;
}

const exists = (dir: string) => stat(dir).then(() => true, () => false);

/** Makes the folder of `session` if it is a fork that has none yet; otherwise does nothing. */
export async function ensureForkFolder(deps: ForkFolderDeps, tenant: string, session: Session, seen = new Set<string>()): Promise<void> {
	const from = session.filesFrom;
	// `seen` stops a chain of forks that loops (only a hand-edited index could make one).
	if (!from || session.workspace || !isId(tenant) || !isId(session.id) || seen.has(session.id)) return;
	seen.add(session.id);
	const target = path.resolve(deps.workspaces.dataDir, 'workspaces', tenant, session.id);
	if (await exists(target)) return;
	await withFileLock(target, async () => {
		if (await exists(target)) return;
		const source = await indexedSession(deps.host, tenant, from.sessionId);
		// Without its original (deleted meanwhile) the fork starts with an empty folder.
		if (!source) return;
		// A fork of a fork whose own folder is not made yet: that one first.
		await ensureForkFolder(deps, tenant, source, seen);
		const root = await resolveWorkspace(deps.workspaces, tenant, source.folderOf ?? source.id, source.workspace);
		if (!root.ok) return;
		const held = await deps.host.open(tenant, sessionDocName(source.id));
		try {
			await deps.checkpoints.copyBefore(held.doc, { tenant, sessionId: source.id, root: root.root }, from.promptId, target);
		} finally {
			held.release();
		}
	});
}
