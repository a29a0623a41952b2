// Asks the server for a session's newest messages (GET /api/sessions/:id/tail) and checks them against
// the core schema before anything shows them. Part of the session view's chunk, not the first screen's:
// it brings zod, and a dynamic import of its own would wait behind a fresh device's service-worker
// precache downloads.
import type { MessageRow } from '$lib/db/schema';
import { TailSchema } from '$lib/core/tail';
import { call, type ApiResult } from './api';

export async function fetchTail(token: string, sessionId: string, limit: number, fetcher: typeof fetch = fetch): Promise<ApiResult<MessageRow[]>> {
	const path = `/api/sessions/${encodeURIComponent(sessionId)}/tail?limit=${limit}`;
	const result = await call<unknown>(fetcher, token, 'GET', path);
	if (!result.ok) return result;
	const tail = TailSchema.safeParse(result.value);
	if (!tail.success) return { ok: false, reason: 'bad-reply', message: 'The server sent messages this app does not understand.' };
	// Rows of the session asked for only, whatever the reply says.
	return { ok: true, value: tail.data.messages.filter((m) => m.sessionId === sessionId) };
}

/** The newest messages for StreamWindow: null when signed out or when the server cannot say (the mirror will). */
export async function remoteTail(token: string | null, sessionId: string, limit: number): Promise<MessageRow[] | null> {
	if (!token) return null;
	const result = await fetchTail(token, sessionId, limit);
	if (result.ok) return result.value;
	console.warn('session-tail-failed', sessionId, result.reason);
	return null;
}
