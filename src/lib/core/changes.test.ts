import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { countLines, MAX_CHANGE_TEXT_CHARS, MAX_PATCH_CHARS, recordChange, sessionChanges } from './changes';
import type { Message, RecordedChange } from './model';
import { MessageSchema } from './model';

const patchOf = (path: string, minus: string[], plus: string[]) =>
	[`--- a/${path}`, `+++ b/${path}`, `@@ -1,${minus.length} +1,${plus.length} @@`, ...minus.map((l) => `-${l}`), ...plus.map((l) => `+${l}`), ''].join('\n');

let seq = 0;
function result(changes: RecordedChange[] | undefined, extra: Partial<Message> = {}): Message {
	seq++;
	return MessageSchema.parse({
		id: `m${seq}`,
		sessionId: 's1',
		kind: 'tool_result',
		text: 'ok',
		state: 'done',
		createdAt: seq * 10,
		updatedAt: seq * 10,
		meta: { toolUseId: `toolu_${seq}`, toolName: 'edit', isError: false, ...(changes ? { changes } : {}) },
		...extra
	});
}

describe('recordChange', () => {
	it('keeps a small change whole', () => {
		const change = { path: 'a.txt', before: null, after: 'hi\n', patch: patchOf('a.txt', [], ['hi']) };
		expect(recordChange(change)).toEqual(change);
	});

	it('drops long before/after texts but keeps the patch, and says what it dropped', () => {
		const big = 'x'.repeat(MAX_CHANGE_TEXT_CHARS + 1);
		const recorded = recordChange({ path: 'big.txt', before: big, after: `${big}y`, patch: patchOf('big.txt', ['x'], ['xy']) });
		expect(recorded).toMatchObject({ before: '', after: '', truncated: ['before', 'after'] });
		expect(recorded.patch).toContain('+xy');
		// A created file stays recognisable as created.
		expect(recordChange({ path: 'new.txt', before: null, after: big, patch: '' })).toMatchObject({ before: null, after: '', truncated: ['after'] });
	});

	it('cuts a long patch at a line end and says how much is missing', () => {
		const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
		const patch = patchOf('long.txt', [], lines);
		const recorded = recordChange({ path: 'long.txt', before: null, after: lines.join('\n'), patch });
		expect(recorded.truncated).toEqual(['after', 'patch']);
		expect(recorded.patch.length).toBeLessThan(MAX_PATCH_CHARS + 200);
		expect(recorded.patch.startsWith(patch.slice(0, 1000))).toBe(true);
		const [last, note] = recorded.patch.trimEnd().split('\n').slice(-2);
		expect(last).toMatch(/^\+line \d+$/);
		expect(note).toMatch(/^\\ The rest of this diff \(\d+ characters\) is not stored/);
	});
});

describe('sessionChanges', () => {
	it('lists each changed file once, in first-change order, with per-call patches and line counts', () => {
		const created = { path: 'src/a.ts', before: null, after: 'one\n', patch: patchOf('src/a.ts', [], ['one']) };
		const other = { path: 'b.md', before: 'old\n', after: 'new\n', patch: patchOf('b.md', ['old'], ['new']) };
		const edited = { path: 'src/a.ts', before: 'one\n', after: 'two\nthree\n', patch: patchOf('src/a.ts', ['one'], ['two', 'three']) };
		const messages = [result([created]), result(undefined), result([other]), result([edited])];
		const files = sessionChanges(messages);
		expect(files.map((f) => [f.path, f.created, f.edits.length, f.added, f.removed])).toEqual([
			['src/a.ts', true, 2, 2, 0],
			['b.md', false, 1, 1, 1]
		]);
		expect(files[0].edits.map((e) => [e.messageId, e.toolUseId, e.created, e.patch])).toEqual([
			['m1', 'toolu_1', true, created.patch],
			['m4', 'toolu_4', false, edited.patch]
		]);
		expect(files[0].updatedAt).toBe(40);
	});

	it('ignores messages that are not tool results, and keeps a change whose call was stopped after writing', () => {
		const change = { path: 'x', before: 'a', after: 'b', patch: patchOf('x', ['a'], ['b']) };
		const call = result([change], { kind: 'tool_call' });
		const stopped = result([change], { state: 'interrupted', meta: { isError: true, changes: [change] } });
		expect(sessionChanges([call]).length).toBe(0);
		expect(sessionChanges([stopped]).map((f) => f.path)).toEqual(['x']);
	});

	it('marks edits whose stored texts were cut', () => {
		const files = sessionChanges([result([{ path: 'x', before: '', after: '', patch: '', truncated: ['before', 'after'] }])]);
		expect(files[0].edits[0].truncated).toEqual(['before', 'after']);
	});
});

describe('countLines', () => {
	it('counts a file changed twice from before its first change to after its last', () => {
		const created = 'a\nb\nc\nd\ne\nf\n';
		const edited = 'a\nb\nc\nd\ne\nf1\nf2\n';
		const files = sessionChanges([
			result([recordChange({ path: 'greet.py', before: null, after: created, patch: createTwoFilesPatch('greet.py', 'greet.py', '', created) })]),
			result([recordChange({ path: 'greet.py', before: created, after: edited, patch: createTwoFilesPatch('greet.py', 'greet.py', created, edited) })])
		]);
		expect(files[0]).toMatchObject({ created: true, added: 7, removed: 0 });
		expect(files[0].edits.map((e) => [e.added, e.removed])).toEqual([
			[6, 0],
			[2, 1]
		]);
	});

	it('counts added and removed lines, not the file headers', () => {
		expect(countLines(patchOf('f', ['a', 'b'], ['c']))).toEqual({ added: 1, removed: 2 });
		expect(countLines('')).toEqual({ added: 0, removed: 0 });
	});

	it('counts a created 5-line file as +5 −0, and lines that start like file headers as content', () => {
		const text = ['++count;', '--flag', '+++ b/looks-like-a-header', '--- a/too', 'last'].join('\n');
		expect(countLines(createTwoFilesPatch('/dev/null', 'b/new.txt', '', `${text}\n`))).toEqual({ added: 5, removed: 0 });
		expect(countLines(createTwoFilesPatch('/dev/null', 'b/new.txt', '', text))).toEqual({ added: 5, removed: 0 });
		expect(countLines(createTwoFilesPatch('a/new.txt', 'b/new.txt', `${text}\n`, 'other\n'))).toEqual({ added: 1, removed: 5 });
	});
});
