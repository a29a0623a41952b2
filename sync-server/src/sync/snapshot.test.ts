import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeToSnapshot } from './snapshot';

describe('mergeToSnapshot', () => {
	it('replays to the same content as the log, smaller once deletions are collected', () => {
		const doc = new Y.Doc();
		const log: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => log.push(u));
		const text = doc.getText('t');
		for (let i = 0; i < 200; i++) text.insert(text.length, `line ${i}\n`);
		text.delete(0, text.length - 10);
		doc.getMap('m').set('k', { nested: [1, 2] });
		const snapshot = mergeToSnapshot(log);
		const replayed = new Y.Doc();
		Y.applyUpdate(replayed, snapshot);
		expect(replayed.getText('t').toString()).toBe(text.toString());
		expect(replayed.getMap('m').toJSON()).toEqual({ k: { nested: [1, 2] } });
		expect(snapshot.byteLength).toBeLessThan(log.reduce((n, u) => n + u.byteLength, 0));
	});

	it('keeps updates whose dependencies are missing', () => {
		const a = new Y.Doc();
		const log: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => log.push(u));
		a.getText('t').insert(0, 'one ');
		a.getText('t').insert(4, 'two');
		const snapshot = mergeToSnapshot([log[1]]);
		const b = new Y.Doc();
		Y.applyUpdate(b, snapshot);
		Y.applyUpdate(b, log[0]);
		expect(b.getText('t').toString()).toBe('one two');
	});
});
