import { describe, expect, it } from 'vitest';
import { chunks } from './script';

describe('chunks', () => {
	it('cuts text into deltas of the given size', () => {
		expect(chunks('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
		expect(chunks('', 3)).toEqual([]);
	});

	it('never splits an emoji, a flag or an accented letter between two deltas', () => {
		const text = 'ok 👍🏽 done 🇫🇷 café ✨ 👩‍👩‍👧!';
		const deltas = chunks(text, 2);
		expect(deltas.join('')).toBe(text);
		for (const delta of deltas) {
			expect(/[\uD800-\uDBFF]$/.test(delta)).toBe(false);
			expect(/^[\uDC00-\uDFFF]/.test(delta)).toBe(false);
		}
		expect(deltas).toContain('👩‍👩‍👧');
	});
});
