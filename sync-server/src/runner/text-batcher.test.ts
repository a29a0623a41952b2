import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import { appendMessage, patchMessage } from '../../../src/lib/core/ydoc';
import { TextBatcher } from './text-batcher';

function reply() {
	const doc = new Y.Doc();
	const message = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 1, meta: {} });
	const seen = { updates: 0 };
	doc.on('update', () => seen.updates++);
	return { doc, message, text: () => String(message.get('text')), seen };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('TextBatcher', () => {
	it('writes the first deltas on the next turn, then at most one update per interval while deltas keep coming', () => {
		vi.useFakeTimers();
		const { doc, message, text, seen } = reply();
		const batcher = new TextBatcher(doc, message, 40);
		batcher.push('Hel');
		batcher.push('lo');
		expect(seen.updates).toBe(0);
		vi.advanceTimersByTime(0);
		expect(seen.updates).toBe(1);
		expect(text()).toBe('Hello');

		vi.advanceTimersByTime(10);
		for (const d of [', ', 'wor', 'ld']) batcher.push(d);
		vi.advanceTimersByTime(29);
		expect(seen.updates).toBe(1);
		vi.advanceTimersByTime(1);
		expect(seen.updates).toBe(2);
		expect(text()).toBe('Hello, world');

		batcher.push('!');
		batcher.flush(() => patchMessage(message, { state: 'done' }));
		expect(seen.updates).toBe(3);
		expect(text()).toBe('Hello, world!');
		expect(message.get('state')).toBe('done');
		vi.advanceTimersByTime(100);
		expect(seen.updates).toBe(3);
	});

	it('after a quiet spell longer than the interval, writes the next delta without waiting', () => {
		vi.useFakeTimers();
		const { doc, message, text, seen } = reply();
		const batcher = new TextBatcher(doc, message, 40);
		batcher.push('One.');
		vi.advanceTimersByTime(0);
		vi.advanceTimersByTime(500);
		batcher.push(' Two.');
		vi.advanceTimersByTime(0);
		expect(seen.updates).toBe(2);
		expect(text()).toBe('One. Two.');
	});

	it('with no interval, writes each event-loop turn’s deltas as one update', async () => {
		const { doc, message, text, seen } = reply();
		const batcher = new TextBatcher(doc, message, 0);
		const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
		for (const d of ['Hel', 'lo', ', ']) batcher.push(d);
		await nextTurn();
		expect(seen.updates).toBe(1);
		batcher.push('world');
		await nextTurn();
		expect(seen.updates).toBe(2);
		expect(text()).toBe('Hello, world');
	});
});
