import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import { appendMessage, patchMessage } from '../../../src/lib/core/ydoc';
import { TextBatcher } from './text-batcher';

describe('TextBatcher', () => {
	it('turns many deltas into one update per interval, and the final flush carries the last state', () => {
		vi.useFakeTimers();
		const doc = new Y.Doc();
		const reply = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 1, meta: {} });
		let updates = 0;
		doc.on('update', () => updates++);
		const batcher = new TextBatcher(doc, reply, 40);
		for (const d of ['Hel', 'lo', ', ', 'wor', 'ld']) batcher.push(d);
		expect(updates).toBe(0);
		vi.advanceTimersByTime(40);
		expect(updates).toBe(1);
		batcher.push('!');
		batcher.flush(() => patchMessage(reply, { state: 'done' }));
		expect(updates).toBe(2);
		expect(String(reply.get('text'))).toBe('Hello, world!');
		expect(reply.get('state')).toBe('done');
		vi.advanceTimersByTime(100);
		expect(updates).toBe(2);
		vi.useRealTimers();
	});
});
