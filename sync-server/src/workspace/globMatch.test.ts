import { describe, expect, it } from 'vitest';
import { globMatcher } from './globMatch';

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
