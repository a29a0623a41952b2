import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertedInto } from './inserted';

describe('insertedInto', () => {
	it('lists what a transaction inserted into the array, as event.changes.added does, and nothing else', () => {
		const doc = new Y.Doc();
		const array = doc.getArray<unknown>('a');
		const other = doc.getArray<unknown>('b');
		array.push(['old', new Y.Map()]);
		const seen: unknown[][] = [];
		const expected: unknown[][] = [];
		array.observe((event, transaction) => {
			seen.push(insertedInto(array, transaction));
			expected.push([...event.changes.added].flatMap((item) => item.content.getContent()));
		});
		const map = new Y.Map<unknown>();
		doc.transact(() => {
			array.insert(1, ['x', map]);
			array.push(['gone']);
			array.delete(4, 1);
			other.push(['elsewhere']);
			(array.get(2) as Y.Map<unknown>).set('k', 1);
		});
		// A remote update (another client's structs) counts the same.
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(remote);
		remote.getArray('a').push(['from afar']);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before));
		expect(seen).toEqual([['x', map], ['from afar']]);
		expect(seen).toEqual(expected);
	});
});
