import { describe, expect, it } from 'vitest';
import { offsetsOf, placeAt, rangeFor, topOf } from './virtual';

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

describe('scroll places', () => {
	const ids = ['a', 'b', 'c'];
	const offsets = offsetsOf(ids, new Map([['a', 100], ['b', 50]]), 40);

	it('names the row at the top of the view and the distance into it, and finds it again', () => {
		const place = placeAt(ids, offsets, 120);
		expect(place).toEqual({ anchor: 'b', delta: 20 });
		expect(topOf(place!, ids, offsets)).toBe(120);
	});

	it('follows its row when rows above it change height', () => {
		const place = placeAt(ids, offsets, 160)!;
		const remeasured = offsetsOf(ids, new Map([['a', 300], ['b', 50]]), 40);
		expect(topOf(place, ids, remeasured)).toBe(360);
	});

	it('has no place without rows, and no top while its row is not loaded', () => {
		expect(placeAt([], offsetsOf([], new Map(), 40), 0)).toBeUndefined();
		expect(topOf({ anchor: 'z', delta: 0 }, ids, offsets)).toBeUndefined();
	});
});
