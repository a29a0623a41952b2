import { describe, expect, it } from 'vitest';
import type { Entry } from './api';
import { keyAction, visibleRows } from './tree-rows';

const dir = (path: string): Entry => ({ name: path.split('/').at(-1)!, path, type: 'dir', size: 0, mtime: 0 });
const file = (path: string): Entry => ({ name: path.split('/').at(-1)!, path, type: 'file', size: 1, mtime: 0 });

const folders = new Map<string, Entry[]>([
	['.', [dir('src'), dir('docs'), file('README.md')]],
	['src', [dir('src/lib'), file('src/main.ts')]],
	['src/lib', [file('src/lib/a.ts')]]
]);

describe('tree rows', () => {
	it('lists open folders’ children depth first with level, position and set size', () => {
		const rows = visibleRows(folders, new Set(['src']));
		expect(rows.map((r) => [r.entry.path, r.level, r.posinset, r.setsize, r.expanded])).toEqual([
			['src', 1, 1, 3, true],
			['src/lib', 2, 1, 2, false],
			['src/main.ts', 2, 2, 2, undefined],
			['docs', 1, 2, 3, false],
			['README.md', 1, 3, 3, undefined]
		]);
		expect(visibleRows(folders, new Set(['src', 'src/lib'])).map((r) => r.entry.path)).toContain('src/lib/a.ts');
	});

	it('moves with the arrows, opens and closes folders, and goes up to the parent', () => {
		const rows = visibleRows(folders, new Set(['src']));
		expect(keyAction(rows, 0, 'ArrowDown')).toEqual({ type: 'focus', index: 1 });
		expect(keyAction(rows, 4, 'ArrowDown')).toEqual({ type: 'focus', index: 4 });
		expect(keyAction(rows, 0, 'ArrowUp')).toEqual({ type: 'focus', index: 0 });
		expect(keyAction(rows, 2, 'End')).toEqual({ type: 'focus', index: 4 });
		expect(keyAction(rows, 2, 'Home')).toEqual({ type: 'focus', index: 0 });
		expect(keyAction(rows, 0, 'ArrowRight')).toEqual({ type: 'focus', index: 1 });
		expect(keyAction(rows, 1, 'ArrowRight')).toEqual({ type: 'expand', path: 'src/lib' });
		expect(keyAction(rows, 0, 'ArrowLeft')).toEqual({ type: 'collapse', path: 'src' });
		expect(keyAction(rows, 2, 'ArrowLeft')).toEqual({ type: 'focus', index: 0 });
		expect(keyAction(rows, 4, 'ArrowLeft')).toEqual({ type: 'focus', index: 4 });
		expect(keyAction(rows, 2, 'Enter')).toEqual({ type: 'activate', index: 2 });
		expect(keyAction(rows, 2, 'x')).toBeNull();
	});
});
