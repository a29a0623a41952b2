import { describe, expect, it } from 'vitest';
import { findMentions, mentionText } from './mentions';

const paths = (text: string) => findMentions(text).map((m) => m.path);

describe('findMentions', () => {
	it('finds mentions at the start and after white space, not inside words such as e-mail addresses', () => {
		expect(paths('@a.ts and\n@src/b.ts, but not me@example.com')).toEqual(['a.ts', 'src/b.ts,']);
	});

	it('reads quoted and escaped paths with spaces, and drops a line range', () => {
		expect(paths('see @"my notes.md" and @my\\ file.txt and @src/x.ts#L10-20')).toEqual(['my notes.md', 'my file.txt', 'src/x.ts']);
	});

	it('gives where each mention stands, so it can be replaced', () => {
		const text = 'look at @src/a.ts now';
		const [m] = findMentions(text);
		expect(text.slice(m.start, m.end)).toBe('@src/a.ts');
	});

	it('ignores a lone @', () => {
		expect(paths('@ and @')).toEqual([]);
	});
});

describe('mentionText', () => {
	it('quotes a path with white space, and reads back the same path', () => {
		expect(mentionText('a b.txt')).toBe('@"a b.txt"');
		expect(paths(mentionText('a b.txt'))).toEqual(['a b.txt']);
		expect(mentionText('src/a.ts')).toBe('@src/a.ts');
	});
});
