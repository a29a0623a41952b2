// Bumps a session's `updatedAt` in the tenant's index when a turn starts and ends: devices without the
// session open learn from the index which session documents changed (their background pool fetches them).
import { updateSession } from '../../../src/lib/core/ydoc';
import type { DocHost } from '../sync/host';
import { withIndex } from '../sync/index-doc';

export async function touchSession(host: DocHost, tenant: string, sessionId: string, now: number): Promise<void> {
	// A session missing from the index (deleted meanwhile) is left alone: there is nothing to announce.
	await withIndex(host, tenant, (index) => updateSession(index, sessionId, {}, now));
}
