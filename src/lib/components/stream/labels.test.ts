import { describe, expect, it } from 'vitest';
import type { MessageRow } from '$lib/db/schema';
import { CLIP_CHARS, CLIP_LINES, bodyOf, clipped, metaLine, stateLabel, toolInputText } from './labels';

const row = (patch: Partial<MessageRow>): MessageRow => ({
	id: '01JD0000000000000000000001',
	sessionId: '01JD0000000000000000000000',
	kind: 'assistant',
	text: '',
	state: 'done',
	createdAt: 1,
	updatedAt: 1,
	seq: 0,
	meta: {},
	...patch
});

describe('message labels', () => {
	it('shows model, tokens (cache when there is any) and duration of an assistant message', () => {
		const usage = { inputTokens: 1843, outputTokens: 312, cacheReadTokens: 1000, cacheWriteTokens: 200 };
		expect(metaLine(row({ meta: { model: 'claude-sonnet-5-5', usage, durationMs: 2345 } }))).toEqual([
			'claude-sonnet-5-5',
			'1,843 in · 312 out · 1,200 cache',
			'2.3 s'
		]);
		expect(metaLine(row({ meta: { usage: { ...usage, cacheReadTokens: 0, cacheWriteTokens: 0 } } }))).toEqual(['1,843 in · 312 out']);
		// A stopped reply's output count was counted from what streamed, not reported.
		expect(metaLine(row({ meta: { usage: { inputTokens: 90, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, outputEstimated: true } } }))).toEqual(['90 in · ~20 out']);
	});

	it('says why a queued prompt waits when the server said so', () => {
		expect(stateLabel(row({ kind: 'user', state: 'queued' }))).toBe('queued — waiting for the server');
		expect(stateLabel(row({ kind: 'user', state: 'queued' }), 'previous-turn')).toBe('queued — waiting for the previous turn');
		expect(stateLabel(row({ kind: 'user', state: 'queued' }), 'offline')).toBe('queued — will send when online');
		expect(stateLabel(row({ kind: 'user', state: 'done' }), 'offline')).toBeUndefined();
		expect(stateLabel(row({ kind: 'assistant', state: 'interrupted' }))).toBe('interrupted');
		expect(stateLabel(row({ kind: 'assistant', state: 'interrupted', meta: { stopped: true } }))).toBe('stopped');
		expect(stateLabel(row({ kind: 'user', state: 'queued', meta: { waitReason: 'the account allows 2 turns at once' } }))).toBe(
			'queued — the account allows 2 turns at once'
		);
	});

	it('shows an error message’s own text, or its reason’s message when it has none', () => {
		const error = { reason: 'key-refused', message: 'Anthropic refused the key.' };
		expect(bodyOf(row({ kind: 'error', meta: { error } }))).toBe('Anthropic refused the key.');
		expect(bodyOf(row({ kind: 'error', text: 'Written by the server', meta: { error } }))).toBe('Written by the server');
	});

	it('clips a long text to its start, and leaves a short one whole', () => {
		expect(clipped('short\nprompt')).toBeUndefined();
		const huge = 'x'.repeat(90_000);
		expect(clipped(huge)).toHaveLength(CLIP_CHARS + 1);
		const manyLines = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
		expect(clipped(manyLines)?.split('\n')).toHaveLength(CLIP_LINES);
		// Never half an emoji at the cut.
		expect(clipped('a' + '😀'.repeat(CLIP_CHARS))).toBe('a' + '😀'.repeat(CLIP_CHARS / 2 - 1) + '…');
	});

	it('shows a tool call’s whole input as JSON', () => {
		expect(toolInputText(row({ kind: 'tool_call', meta: { toolName: 'write', toolInput: { path: 'a.txt', content: 'hi' } } }))).toBe(
			'{\n  "path": "a.txt",\n  "content": "hi"\n}'
		);
		expect(toolInputText(row({ kind: 'assistant' }))).toBeUndefined();
	});
});
