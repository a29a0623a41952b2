import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import { appendMessage, patchMessage } from '../../../src/lib/core/ydoc';
import { TextBatcher } from './text-batcher';

function reply() {
	const doc = new Y.Doc();
	const message = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 1, meta: {} });
	const seen = { updates: 0 };
	doc.on('update', () => seen.updates++);
	return { doc, message, seen };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TextBatcher', () => {
	it('turns many deltas into one update per interval, and the final flush carries the last state', () => {
		vi.useFakeTimers();
		const { doc, message, seen } = reply();
		const batcher = new TextBatcher(doc, message, 40);
		for (const d of ['Hel', 'lo', ', ', 'wor', 'ld']) batcher.push(d);
		expect(seen.updates).toBe(0);
		vi.advanceTimersByTime(40);
		expect(seen.updates).toBe(1);
		batcher.push('!');
		batcher.flush(() => patchMessage(message, { state: 'done' }));
		expect(seen.updates).toBe(2);
		expect(String(message.get('text'))).toBe('Hello, world!');
		expect(message.get('state')).toBe('done');
		vi.advanceTimersByTime(100);
		expect(seen.updates).toBe(2);
		vi.useRealTimers();
	});

	it('with no interval, writes what arrived in one event-loop turn as one update, without waiting for more', async () => {
		const { doc, message, seen } = reply();
		const batcher = new TextBatcher(doc, message, 0);
		for (const d of ['Hel', 'lo', ', ']) batcher.push(d);
		expect(seen.updates).toBe(0);
		await nextTurn();
		expect(seen.updates).toBe(1);
		expect(String(message.get('text'))).toBe('Hello, ');
		batcher.push('world');
		await nextTurn();
		expect(seen.updates).toBe(2);
		batcher.push('!');
		batcher.flush(() => patchMessage(message, { state: 'done' }));
		await nextTurn();
		expect(seen.updates).toBe(3);
		expect(String(message.get('text'))).toBe('Hello, world!');
		expect(message.get('state')).toBe('done');
	});
});
