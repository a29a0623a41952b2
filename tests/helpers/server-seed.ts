// Puts a session on the server only, as if another device had written it: its entry into the tenant's
// index doc and its messages into its session doc, through the unmodified y-websocket client. Resolves
// once a second, fresh client reads both back from the server (so they are stored, not just sent).
import * as Y from 'yjs';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import type { Session } from '../../src/lib/core/model';
import { messagesArray, putSession, sessionsMap } from '../../src/lib/core/ydoc';
import { connectDevice, synced, until } from './yclient';

/** `syncUrl` is ws://host:port/sync; `update` a V2 update of the session doc (tests/e2e/seed.ts makes one). */
export async function seedOnServer(syncUrl: string, token: string, session: Session, update: Uint8Array, timeoutMs = 60_000): Promise<void> {
	const name = sessionDocName(session.id);
	const expected = new Y.Doc();
	Y.applyUpdateV2(expected, update);
	const count = messagesArray(expected).length;
	expected.destroy();

	const writers = [connectDevice(syncUrl, name, token), connectDevice(syncUrl, INDEX_DOC, token)];
	try {
		await Promise.all(writers.map((w) => synced(w.provider, timeoutMs)));
		Y.applyUpdateV2(writers[0].doc, update);
		putSession(writers[1].doc, session);
		const readers = [connectDevice(syncUrl, name, token), connectDevice(syncUrl, INDEX_DOC, token)];
		try {
			await Promise.all([
				until(readers[0].doc, () => messagesArray(readers[0].doc).length === count, timeoutMs),
				until(readers[1].doc, () => sessionsMap(readers[1].doc).has(session.id), timeoutMs)
			]);
		} finally {
			for (const reader of readers) reader.destroy();
		}
	} finally {
		for (const writer of writers) writer.destroy();
	}
}
