// Compaction's merge: replays a document's update log into one snapshot update. Garbage-collected
// deletions shrink it; the content a client sees is the same as replaying the log.
import * as Y from 'yjs';

export function mergeToSnapshot(updates: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
	// encodeStateAsUpdate also carries pending (not yet integrable) structs, so nothing is dropped.
	const snapshot = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return snapshot;
}
