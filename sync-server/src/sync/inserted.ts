// What one transaction inserted into an array, found from the structs it created: the cost follows the
// insert, not the array. (`event.changes` walks the whole array on every event: a session of n messages made
// each small update O(n), and a flood of them stalled the server.)
import * as Y from 'yjs';

/** The live values `transaction` inserted into `array`; call it from the array's observer. */
export function insertedInto<T>(array: Y.Array<T>, transaction: Y.Transaction): T[] {
	const values: T[] = [];
	for (const [client, after] of transaction.afterState) {
		const before = transaction.beforeState.get(client) ?? 0;
		const structs = transaction.doc.store.clients.get(client);
		if (after <= before || !structs) continue;
		for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
			const struct = structs[i];
			if (struct instanceof Y.Item && struct.parent === array && struct.parentSub === null && !struct.deleted) values.push(...(struct.content.getContent() as T[]));
		}
	}
	return values;
}
