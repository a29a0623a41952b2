import { describe, expect, it } from 'vitest';
import type { Entry } from '$lib/files/api';
import { acceptMention, folderOf, matchEntries, typedMention } from './mention';

const entry = (path: string, type: Entry['type'] = 'file'): Entry => ({ name: path.split('/').at(-1)!, path, type, size: 1, mtime: 1 });

describe('typedMention', () => {
	it('finds the @ word the caret is in, at the start or after white space', () => {
		expect(typedMention('@src/a', 6)).toEqual({ start: 0, query: 'src/a' });
		expect(typedMention('look at @RE', 11)).toEqual({ start: 8, query: 'RE' });
		expect(typedMention('look at @', 9)).toEqual({ start: 8, query: '' });
	});

	it('is null after a space, inside an e-mail address, or when the caret is before the @', () => {
		expect(typedMention('@a.ts then', 10)).toBeNull();
		expect(typedMention('me@example', 10)).toBeNull();
		expect(typedMention('x @a', 1)).toBeNull();
	});
});

describe('folderOf and matchEntries', () => {
	it('completes the folder typed so far', () => {
		expect(folderOf('')).toBe('.');
		expect(folderOf('REA')).toBe('.');
		expect(folderOf('src/lib/x')).toBe('src/lib');
	});

	it('lists names starting with the typed part first, then containing it, skipping links', () => {
		const entries = [entry('src/main.ts'), entry('src/domain.ts'), entry('src/maps', 'dir'), entry('src/mail', 'symlink')];
		expect(matchEntries(entries, 'src/ma').map((e) => e.path)).toEqual(['src/main.ts', 'src/maps', 'src/domain.ts']);
		expect(matchEntries(entries, 'src/zz')).toEqual([]);
	});
});

describe('acceptMention', () => {
	it('puts a file in with a space after it, keeping the rest of the prompt', () => {
		const text = 'read @ma and tell me';
		expect(acceptMention(text, typedMention(text, 8)!, entry('src/main.ts'))).toEqual({ value: 'read @src/main.ts and tell me', caret: 18 });
	});

	it('goes on into a folder, and quotes a path with a space', () => {
		expect(acceptMention('@sr', { start: 0, query: 'sr' }, entry('src', 'dir'))).toEqual({ value: '@src/', caret: 5 });
		expect(acceptMention('@my', { start: 0, query: 'my' }, entry('my notes.md')).value).toBe('@"my notes.md" ');
	});
});
