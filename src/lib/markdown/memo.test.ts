import { describe, expect, it } from 'vitest';
import { memoize } from './memo';

function counted() {
	const calls: string[] = [];
	const fn = (s: string) => {
		calls.push(s);
		return s.toUpperCase();
	};
	return { calls, fn };
}

describe('memoize', () => {
	it('answers a repeated input from the cache', () => {
		const { calls, fn } = counted();
		const memo = memoize(fn, { entries: 10, chars: 1000 });
		expect(memo('a')).toBe('A');
		expect(memo('a')).toBe('A');
		expect(calls).toEqual(['a']);
	});

	it('drops the least recently used entry past the entry limit', () => {
		const { calls, fn } = counted();
		const memo = memoize(fn, { entries: 2, chars: 1000 });
		memo('a');
		memo('b');
		memo('a');
		memo('c');
		memo('a');
		memo('b');
		expect(calls).toEqual(['a', 'b', 'c', 'b']);
	});

	it('keeps the characters held under the limit, and never holds an input larger than it', () => {
		const { calls, fn } = counted();
		const memo = memoize(fn, { entries: 100, chars: 10 });
		memo('abc');
		memo('defgh');
		memo('abc');
		memo('x'.repeat(20));
		memo('x'.repeat(20));
		memo('abc');
		expect(calls).toEqual(['abc', 'defgh', 'abc', 'x'.repeat(20), 'x'.repeat(20)]);
	});
});
