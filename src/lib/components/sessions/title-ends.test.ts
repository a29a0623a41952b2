import { describe, expect, it } from 'vitest';
import { titleEnds } from './title-ends';

describe('titleEnds', () => {
	it('keeps a fork suffix in the end, its leading space included', () => {
		expect(titleEnds('Messages API stop (fork)')).toEqual(['Messages API sto', 'p (fork)']);
		expect(titleEnds('Messages API stop (fork)', 7)).toEqual(['Messages API stop', ' (fork)']);
	});

	it('leaves a short title whole', () => {
		expect(titleEnds('Demo tour')).toEqual(['Demo tour', '']);
		expect(titleEnds('x'.repeat(16))).toEqual(['x'.repeat(16), '']);
	});

	it('never splits a character made of two code units', () => {
		expect(titleEnds('Notes on the 🚀 launch 🚀🚀')).toEqual(['Notes on the 🚀 l', 'aunch 🚀🚀']);
	});
});
