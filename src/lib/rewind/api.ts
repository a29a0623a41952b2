// Rewinding a session's files (`/api/sessions/:id/rewind`): to before a prompt, and undoing a rewind.
// The server records both in the session's stream, so every device sees them through the document.
import type { Rewind } from '$lib/core/rewind';
import { sessionCaller, type ApiResult, type FilesApiOptions } from '$lib/files/api';

export interface RewindApi {
	rewind(sessionId: string, promptId: string): Promise<ApiResult<{ rewind: Rewind }>>;
	undo(sessionId: string, rewindId: string): Promise<ApiResult<{ files: string[] }>>;
}

export function createRewindApi(options: FilesApiOptions): RewindApi {
	const call = sessionCaller(options, 'rewind');
	return {
		rewind: (sessionId, promptId) => call(sessionId, '', { method: 'POST', body: JSON.stringify({ messageId: promptId }) }),
		undo: (sessionId, rewindId) => call(sessionId, `/${encodeURIComponent(rewindId)}/undo`, { method: 'POST' })
	};
}
