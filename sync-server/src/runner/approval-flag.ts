// The index's `awaitingApproval` mark on a session: a hint for devices that do not have the session
// open that a call waits for a person. The session doc stays the truth; this only mirrors it.
import { sessionsMap, updateSession } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';
import { withIndex } from '../sync/index-doc';

export async function flagAwaitingApproval(host: DocHost, tenant: string, sessionId: string, on: boolean, now: number): Promise<void> {
	await withIndex(host, tenant, (index) => {
		const ymap = sessionsMap(index).get(sessionId);
		// Only a change is written: clearing an absent mark costs no update to sync.
		if (ymap && (ymap.get('awaitingApproval') ?? false) !== on) updateSession(index, sessionId, { awaitingApproval: on }, now);
	});
}
