// The index's `awaitingApproval` mark on a session: a hint for devices that do not have the session
// open that a call waits for a person. The session doc stays the truth; this only mirrors it.
import { INDEX_DOC } from '../../../src/lib/core/docnames';
import { sessionsMap, updateSession } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';

export async function flagAwaitingApproval(host: DocHost, tenant: string, sessionId: string, on: boolean, now: number): Promise<void> {
	const index = await host.open(tenant, INDEX_DOC);
	try {
		const ymap = sessionsMap(index.doc).get(sessionId);
		// Only a change is written: clearing an absent mark costs no update to sync.
		if (ymap && (ymap.get('awaitingApproval') ?? false) !== on) updateSession(index.doc, sessionId, { awaitingApproval: on }, now);
	} finally {
		index.release();
	}
}
