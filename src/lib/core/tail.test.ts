import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { manyMessages, sessionUpdate } from '../../../tests/e2e/seed';
import { messagesArray } from './ydoc';
import { cutMarker, readTail } from './tail';

const SESSION = 'session-1';

function docWith(count: number): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdateV2(doc, sessionUpdate(manyMessages(count)));
	return doc;
}

describe('readTail', () => {
	it('reads the newest messages oldest first, numbered by their place in the document', () => {
		const tail = readTail(docWith(10), SESSION, 3);
		expect(tail.total).toBe(10);
		expect(tail.messages.map((m) => [m.seq, m.text])).toEqual([
			[7, 'Message 8\nwith a second line\nand a third'],
			[8, 'Message 9'],
			[9, 'Message 10']
		]);
		expect(tail.messages.every((m) => m.sessionId === SESSION)).toBe(true);
	});

	it('leaves out an entry that is not a valid message, keeping the others in their places', () => {
		const doc = docWith(4);
		messagesArray(doc).get(2).set('kind', 'not-a-kind');
		const tail = readTail(doc, SESSION, 10);
		expect(tail.messages.map((m) => m.seq)).toEqual([0, 1, 3]);
	});

	it('reads an empty document as no messages', () => {
		expect(readTail(new Y.Doc(), SESSION, 100)).toEqual({ messages: [], total: 0 });
	});

	it('stops at the byte budget, and cuts a newest message over it without splitting a character', () => {
		const doc = docWith(3);
		const newest = messagesArray(doc).get(2).get('text') as Y.Text;
		newest.insert(newest.length, ' ' + '😀'.repeat(1000));
		const tail = readTail(doc, SESSION, 10, 2000);
		expect(tail.messages.map((m) => m.seq)).toEqual([2]);
		const { text } = tail.messages[0];
		const whole = newest.toString();
		const kept = text.slice(0, text.lastIndexOf('\n\n[…'));
		expect(whole.startsWith(kept) && kept.length > 10).toBe(true);
		expect(text).toBe(kept + cutMarker(whole.length - kept.length));
		expect(kept.endsWith('😀')).toBe(true);
		expect(readTail(doc, SESSION, 10, 1_000_000).messages).toHaveLength(3);
	});

	it('keeps a cut message within the budget as JSON, where newlines, quotes and control characters take more bytes', () => {
		for (const filler of ['\n', '"', '\u0001', '\ud800']) {
			const doc = docWith(1);
			const newest = messagesArray(doc).get(0).get('text') as Y.Text;
			newest.insert(newest.length, filler.repeat(5000));
			const tail = readTail(doc, SESSION, 10, 2000);
			expect(new TextEncoder().encode(JSON.stringify(tail.messages[0])).length).toBeLessThanOrEqual(2000);
			expect(tail.messages[0].text.length).toBeGreaterThan(100);
		}
	});
});
