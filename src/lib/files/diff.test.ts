import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { recordChange } from '$lib/core/changes';
import { splitRows, unifiedRows, type DiffLine, type SplitRow } from './diff';

const patchOf = (before: string | null, after: string) =>
	createTwoFilesPatch(before === null ? '/dev/null' : 'a/f.txt', 'b/f.txt', before ?? '', after, undefined, undefined, { context: 3 });

const side = (line?: DiffLine) => (line ? `${line.kind}:${line.oldNo ?? ''}/${line.newNo ?? ''}:${line.text}` : '-');
const pairs = (rows: SplitRow[]) => rows.map((r) => (r.kind === 'pair' ? `${side(r.left)} | ${side(r.right)}` : `${r.kind}:${r.text}`));

describe('diff rows', () => {
	it('numbers old and new lines in the unified view', () => {
		const rows = unifiedRows(patchOf('one\ntwo\nthree\n', 'one\n2\nthree\nfour\n'));
		expect(rows.map((r) => (r.kind === 'hunk' || r.kind === 'note' ? r.text : side(r)))).toEqual([
			'@@ -1,3 +1,4 @@',
			'context:1/1:one',
			'del:2/:two',
			'add:/2:2',
			'context:3/3:three',
			'add:/4:four'
		]);
	});

	it('pairs removals with additions side by side, and shows a created file on the right only', () => {
		expect(pairs(splitRows(patchOf('a\nb\nc\n', 'a\nB\nC\nD\nc\n')))).toEqual([
			'hunk:@@ -1,3 +1,5 @@',
			'context:1/1:a | context:1/1:a',
			'del:2/:b | add:/2:B',
			'- | add:/3:C',
			'- | add:/4:D',
			'context:3/5:c | context:3/5:c'
		]);
		expect(pairs(splitRows(patchOf(null, 'new\n')))).toEqual(['hunk:@@ -0,0 +1,1 @@', '- | add:/1:new']);
	});

	it('keeps the marker of a missing final newline as a note', () => {
		const rows = unifiedRows(patchOf('x\n', 'x\ny'));
		expect(rows.at(-1)).toEqual({ kind: 'note', text: 'No newline at end of file' });
		expect(rows.filter((r) => r.kind === 'add').map((r) => (r as DiffLine).text)).toEqual(['y']);
	});

	it('shows the stored part of a patch the session cut short, with the note saying so', () => {
		const after = Array.from({ length: 12_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
		const recorded = recordChange({ path: 'f.txt', before: null, after, patch: patchOf(null, after) });
		expect(recorded.truncated).toContain('patch');
		const rows = unifiedRows(recorded.patch);
		expect(rows[0]).toMatchObject({ kind: 'hunk' });
		expect(rows[1]).toEqual({ kind: 'add', text: 'line 0', newNo: 1 });
		expect(rows.length).toBeGreaterThan(1000);
		expect(rows.at(-1)).toMatchObject({ kind: 'note', text: expect.stringMatching(/^The rest of this diff \(\d+ characters\) is not stored/) });
	});
});
