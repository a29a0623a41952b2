import { describe, expect, it } from 'vitest';
import { offsetsOf, rangeFor } from './virtual';

const ids = Array.from({ length: 10_000 }, (_, i) => `m${i}`);

describe('virtual window', () => {
	it('uses measured heights where known and the estimate elsewhere', () => {
		const offsets = offsetsOf(['a', 'b', 'c'], new Map([['b', 100]]), 20);
		expect([...offsets]).toEqual([0, 20, 120, 140]);
	});

	it('selects only the rows that overlap the window, however long the list', () => {
		const offsets = offsetsOf(ids, new Map(), 50);
		expect(rangeFor(offsets, 1000, 1500)).toEqual({ start: 20, end: 30 });
		expect(rangeFor(offsets, 1010, 1490)).toEqual({ start: 20, end: 30 });
		const bottom = offsets[10_000];
		expect(rangeFor(offsets, bottom - 200, bottom)).toEqual({ start: 9996, end: 10_000 });
	});

	it('clamps windows beyond either end and handles an empty list', () => {
		const offsets = offsetsOf(ids.slice(0, 3), new Map(), 10);
		expect(rangeFor(offsets, -500, 5)).toEqual({ start: 0, end: 1 });
		expect(rangeFor(offsets, 500, 900)).toEqual({ start: 2, end: 3 });
		expect(rangeFor(offsetsOf([], new Map(), 10), 0, 100)).toEqual({ start: 0, end: 0 });
	});
});
