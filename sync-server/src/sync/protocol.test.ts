import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';

describe('y-websocket protocol', () => {
	it('decodes what it encodes', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hi');
		expect(decodeMessage(encodeSyncStep1(doc))).toMatchObject({ ok: true, message: { type: 'sync-step-1' } });
		expect(decodeMessage(encodeSyncStep2(doc, new Uint8Array([0])))).toMatchObject({ ok: true, message: { type: 'sync-step-2' } });
		const update = Y.encodeStateAsUpdate(doc);
		expect(decodeMessage(encodeUpdate(update))).toEqual({ ok: true, message: { type: 'update', update } });
	});

	it('never throws on random bytes', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
		for (let i = 0; i < 5000; i++) {
			const bytes = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
			if (i % 3 === 0 && bytes.length > 0) bytes[0] = Math.floor(random() * 4);
			expect(() => decodeMessage(bytes)).not.toThrow();
		}
	});

	it('reports unknown types and truncation as reasons', () => {
		expect(decodeMessage(new Uint8Array([9]))).toEqual({ ok: false, reason: 'unknown-message-type' });
		expect(decodeMessage(new Uint8Array([0, 0, 10, 1]))).toEqual({ ok: false, reason: 'malformed-message' });
	});
});
