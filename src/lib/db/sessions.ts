// Reads of the mirrored session list; rows are written only by the index mirror.
import type { Session } from '$lib/core/model';
import type { RunnerDb } from './schema';

/** Every session of the tenant, most recently changed first. */
export function allSessions(db: RunnerDb): Promise<Session[]> {
	return db.sessions.orderBy('updatedAt').reverse().toArray();
}

export function getSession(db: RunnerDb, id: string): Promise<Session | undefined> {
	return db.sessions.get(id);
}
