// Whether a change to a session's messages gives its runner work: a queued prompt among what it inserted.
// Looked up in the insert alone (sync/inserted.ts), so an update costs the same in a session of any length.
import * as Y from 'yjs';
import { messagesArray, messageState } from '../../../src/lib/core/ydoc';
import { insertedInto } from '../sync/inserted';

export function insertsQueuedPrompt(doc: Y.Doc, transaction: Y.Transaction): boolean {
	return insertedInto(messagesArray(doc), transaction).some(
		(value) => value instanceof Y.Map && value.get('kind') === 'user' && messageState(value) === 'queued'
	);
}
