// Bumps a session's `updatedAt` in the tenant's index when a turn starts and ends: devices without the
// session open learn from the index which session documents changed (their background pool fetches them).
import { INDEX_DOC } from '../../../src/lib/core/docnames';
import { updateSession } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';

export async function touchSession(host: DocHost, tenant: string, sessionId: string, now: number): Promise<void> {
	const index = await host.open(tenant, INDEX_DOC);
	try {
		// A session missing from the index (deleted meanwhile) is left alone: there is nothing to announce.
		updateSession(index.doc, sessionId, {}, now);
	} finally {
		index.release();
	}
}
