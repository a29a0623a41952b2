import { describe, expect, it } from 'vitest';
import { globMatcher, linearRegex } from './globMatch';

describe('globMatcher', () => {
	const cases: [string, string, boolean][] = [
		['*.ts', 'a.ts', true],
		['*.ts', 'src/deep/a.ts', true],
		['*.ts', 'a.tsx', false],
		['src/*.ts', 'src/a.ts', true],
		['src/*.ts', 'src/x/a.ts', false],
		['src/**/*.ts', 'src/a.ts', true],
		['src/**/*.ts', 'src/x/y/a.ts', true],
		['**/*.md', 'README.md', true],
		['**/*.md', 'docs/a/b.md', true],
		['src/**', 'src/a/b', true],
		['*.{js,ts}', 'x.js', true],
		['*.{js,ts}', 'x.ts', true],
		['*.{js,ts}', 'x.css', false],
		['file?.txt', 'file1.txt', true],
		['file?.txt', 'file10.txt', false],
		['[ab].txt', 'a.txt', true],
		['[!ab].txt', 'a.txt', false],
		['[!ab].txt', 'c.txt', true],
		['a+b(1).txt', 'a+b(1).txt', true],
		['a.txt', 'abtxt', false],
		['./src/*.ts', 'src/a.ts', true],
		['[unclosed', '[unclosed', true]
	];
	it.each(cases)('%s against %s → %s', (pattern, rel, expected) => {
		expect(globMatcher(pattern)(rel)).toBe(expected);
	});
});

describe('globMatcher on hostile patterns', () => {
	it('compiles the patterns models write to the linear-time engine', () => {
		for (const pattern of ['**/*.ts', 'src/**', 'a/**/b/*.md', '*.{js,ts}', '*a*a*a*a*a*a*b', '*?*?*?*?*?*?*?*?*.zz', '[]a-z]*', 'x(1).txt']) {
			expect(linearRegex(pattern)?.flags, pattern).toContain('l');
		}
	});

	it('treats a class starting with ] as a class, not as raw regex', () => {
		expect(globMatcher('[]a-z]')(']')).toBe(true);
		expect(globMatcher('[]a-z]')('b')).toBe(true);
		expect(globMatcher('[]a-z]')('B')).toBe(false);
		expect(globMatcher('[]|.*')('anything.txt')).toBe(false);
	});

	it('reads parentheses and bars as file name characters', () => {
		expect(globMatcher('photo (1).jpg')('photo (1).jpg')).toBe(true);
		expect(globMatcher('(a|b)')('a')).toBe(false);
		expect(globMatcher('(a|b)')('(a|b)')).toBe(true);
	});
});
