import { describe, expect, it } from 'vitest';
import { createScanner } from './regexScan';

describe('regex scanner', () => {
	it('returns matching line numbers up to the limit', () => {
		const scanner = createScanner('b', '');
		expect(scanner.scan('a\nb\nab\nc\nb', 10)).toEqual([2, 3, 5]);
		expect(scanner.scan('a\nb\nab\nc\nb', 2)).toEqual([2, 3]);
		expect(scanner.scan('none', 10)).toEqual([]);
	});

	it('treats the pattern as a pattern, not code', () => {
		const pattern = `'"+(globalThis.x=1)+"'`;
		const scanner = createScanner(pattern, '');
		expect(scanner.scan(`'"globalThis.x=1"'`, 5)).toEqual([1]);
		// Spliced into code, the pattern would become the regex '1'.
		expect(scanner.scan(`'1'`, 5)).toEqual([]);
	});

	it('throws on an invalid pattern', () => {
		expect(() => createScanner('(', '')).toThrow(SyntaxError);
	});

	it('stops a catastrophic pattern instead of hanging, and stays stopped once the total is spent', () => {
		const scanner = createScanner('^(a+)+$', '', { fileMs: 50, totalMs: 60 });
		expect(scanner.scan(`${'a'.repeat(40)}b`, 1)).toBe('timeout');
		expect(scanner.scan(`${'a'.repeat(40)}b`, 1)).toBe('timeout');
	});
});
