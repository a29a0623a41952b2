import { describe, expect, it } from 'vitest';
import type { Message } from '$lib/core/model';
import { messageDoc, titleDoc } from './documents';
import { createIndex, drop, loadIndex, query, upsert } from './engine';
import { highlight } from './highlight';

let seq = 0;
const row = (sessionId: string, kind: Message['kind'], text: string, meta: Message['meta'] = {}) => ({
	id: `m${++seq}`,
	sessionId,
	kind,
	text,
	state: 'done' as const,
	createdAt: 0,
	updatedAt: 0,
	meta,
	seq
});

function sample() {
	const index = createIndex();
	upsert(index, titleDoc({ id: 'a', title: 'Tokenizer rewrite' }));
	upsert(index, titleDoc({ id: 'b', title: 'Release notes' }));
	upsert(index, messageDoc(row('b', 'user', 'mention the tokenizer once in the notes')));
	upsert(index, messageDoc(row('a', 'assistant', 'The parser now streams tokens lazily.')));
	upsert(index, messageDoc(row('a', 'tool_call', '', { toolName: 'edit', toolInput: { path: 'src/lib/lexer.ts', old: 'a', new: 'b' } })));
	upsert(index, messageDoc(row('b', 'tool_result', 'ok', { changes: [{ path: 'docs/CHANGELOG.md', before: null, after: 'x', patch: '+x' }] })));
	return index;
}

describe('search ranking', () => {
	it('ranks a title match above a passing mention in a message', () => {
		const hits = query(sample(), 'tokenizer', 10);
		expect(hits.map((h) => [h.kind, h.sessionId])).toEqual([
			['title', 'a'],
			['user', 'b']
		]);
	});

	it('matches the word being typed as a prefix from its third letter (two letters would match most of the index)', () => {
		expect(query(sample(), 'pa', 10)).toEqual([]);
		expect(query(sample(), 'par', 10).map((h) => h.kind)).toEqual(['assistant']);
	});

	it('finds as the word is typed, forgives a typo in a long word, and needs every word', () => {
		const index = sample();
		expect(query(index, 'stre', 10).map((h) => h.kind)).toEqual(['assistant']);
		expect(query(index, 'lazyly', 10).map((h) => h.kind)).toEqual(['assistant']);
		expect(query(index, 'parser notes', 10)).toEqual([]);
	});

	it('finds tool calls by file path and tool results by the files they changed', () => {
		const index = sample();
		expect(query(index, 'lexer', 10).map((h) => h.kind)).toEqual(['tool_call']);
		expect(query(index, 'changelog', 10).map((h) => h.kind)).toEqual(['tool_result']);
	});

	it('keeps to one session when asked', () => {
		expect(query(sample(), 'tokenizer', 10, 'b').map((h) => h.sessionId)).toEqual(['b']);
	});

	it('follows a streaming message: the updated text is found, the old is not', () => {
		const index = sample();
		const streaming = row('a', 'assistant', 'Working on');
		upsert(index, messageDoc(streaming));
		upsert(index, messageDoc({ ...streaming, text: 'Working on the quicksort fix' }));
		expect(query(index, 'quicksort', 10).map((h) => h.id)).toEqual([streaming.id]);
		drop(index, streaming.id);
		expect(query(index, 'quicksort', 10)).toEqual([]);
	});

	it('saves to JSON and loads back with the same answers', () => {
		const index = sample();
		const loaded = loadIndex(JSON.stringify(index));
		expect(query(loaded, 'tokenizer', 10)).toEqual(query(index, 'tokenizer', 10));
	});
});

describe('highlighting', () => {
	it('marks the matched words and keeps markup as plain text', () => {
		expect(highlight('Use <b>Tokens</b> & tokenizer', ['tokens', 'tokenizer'])).toEqual([
			{ text: 'Use <b>', hit: false },
			{ text: 'Tokens', hit: true },
			{ text: '</b> & ', hit: false },
			{ text: 'tokenizer', hit: true }
		]);
	});

	it('cuts a long text to a window around the first match', () => {
		const parts = highlight(`${'filler '.repeat(100)}needle here ${'tail '.repeat(100)}`, ['needle']);
		expect(parts[0]!.text.startsWith('…')).toBe(true);
		expect(parts.find((p) => p.hit)?.text).toBe('needle');
		expect(parts.at(-1)!.text.endsWith('…')).toBe(true);
	});

	it('treats regular-expression characters in terms literally', () => {
		expect(highlight('a (b) c', ['(b)'])).toEqual([
			{ text: 'a ', hit: false },
			{ text: '(b)', hit: true },
			{ text: ' c', hit: false }
		]);
	});
});
