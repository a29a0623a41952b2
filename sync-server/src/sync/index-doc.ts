// Server-side reads and writes of a tenant's index document: held only while the callback runs, so the
// registry can unload it again.
import { INDEX_DOC } from '../../../src/lib/core/docnames';
import type { Session } from '../../../src/lib/core/model';
import { readSession, sessionsMap } from '../../../src/lib/core/ydoc';
import type * as Y from 'yjs';
import type { DocHost } from './host';

export async function withIndex<T>(host: DocHost, tenant: string, use: (index: Y.Doc) => T): Promise<T> {
	const index = await host.open(tenant, INDEX_DOC);
	try {
		return use(index.doc);
	} finally {
		index.release();
	}
}

/** The session as the index lists it; null when absent (deleted, or not synced from its device yet). */
export function indexedSession(host: DocHost, tenant: string, sessionId: string): Promise<Session | null> {
	return withIndex(host, tenant, (index) => {
		const ymap = sessionsMap(index).get(sessionId);
		return ymap ? readSession(ymap) : null;
	});
}
