import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from './ids';
import type { Message } from './model';
import {
	canRetry,
	clearStop,
	isStopRequested,
	repliesTo,
	requestStop,
	retryPrompt,
	runningPrompt,
	sessionTotals,
	turnOutcome
} from './turns';
import { appendMessage, listMessages } from './ydoc';

const sessionId = newId();
const msg = (m: Partial<Message> & Pick<Message, 'kind' | 'state'>): Message => ({
	id: newId(),
	sessionId,
	text: '',
	createdAt: 1,
	updatedAt: 1,
	meta: {},
	...m
});

describe('stop requests', () => {
	it('reach another device through the document and are cleared by the server', () => {
		const device = new Y.Doc();
		const server = new Y.Doc();
		device.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
		const prompt = newId();
		expect(isStopRequested(server, prompt)).toBe(false);
		requestStop(device, prompt);
		expect(isStopRequested(server, prompt)).toBe(true);
		expect(isStopRequested(server, newId())).toBe(false);
		clearStop(server, prompt);
		expect(isStopRequested(server, prompt)).toBe(false);
	});
});

describe('turn outcomes and retry', () => {
	const prompt = msg({ kind: 'user', state: 'done', text: 'explain' });
	const cut = msg({ kind: 'assistant', state: 'interrupted', text: 'Part', meta: { replyTo: prompt.id } });
	const ok = msg({ kind: 'assistant', state: 'done', text: 'All', meta: { replyTo: prompt.id } });
	const failed = msg({ kind: 'error', state: 'done', meta: { replyTo: prompt.id } });

	it('tells a finished, an interrupted and a failed turn apart', () => {
		expect(turnOutcome([prompt, ok], prompt)).toBe('done');
		expect(turnOutcome([prompt, cut], prompt)).toBe('interrupted');
		expect(turnOutcome([prompt, failed], prompt)).toBe('error');
		expect(turnOutcome([{ ...prompt, state: 'running' }], { ...prompt, state: 'running' })).toBe('running');
		expect(repliesTo([prompt, cut, ok], prompt.id)).toEqual([cut, ok]);
	});

	it('offers Retry once for an interrupted or failed turn, never for a finished one', () => {
		expect(canRetry([prompt, cut], prompt)).toBe(true);
		expect(canRetry([prompt, failed], prompt)).toBe(true);
		expect(canRetry([prompt, ok], prompt)).toBe(false);
		const again = msg({ kind: 'user', state: 'queued', meta: { retryOf: prompt.id } });
		expect(canRetry([prompt, cut, again], prompt)).toBe(false);
	});

	it('queues a retry as a new prompt with the same text that points at the old one', () => {
		const doc = new Y.Doc();
		retryPrompt(doc, prompt, 5);
		const [queued] = listMessages(doc, sessionId);
		expect(queued).toMatchObject({ kind: 'user', state: 'queued', text: 'explain', meta: { retryOf: prompt.id } });
	});

	it('finds the running prompt for the Stop button', () => {
		const running = msg({ kind: 'user', state: 'running' });
		expect(runningPrompt([prompt, running])).toBe(running);
		expect(runningPrompt([prompt])).toBeUndefined();
	});
});

describe('session totals', () => {
	it('adds up tokens and cost over every request, and says when a model has no price', () => {
		const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 0, cacheWriteTokens: 0 };
		const a = msg({ kind: 'assistant', state: 'done', meta: { model: 'claude-sonnet-5-5', usage } });
		const b = msg({ kind: 'assistant', state: 'done', meta: { model: 'claude-sonnet-5-5', usage } });
		const totals = sessionTotals([msg({ kind: 'user', state: 'done' }), a, b]);
		expect(totals).toMatchObject({ inputTokens: 2_000_000, outputTokens: 200_000, requests: 2, unpriced: false });
		expect(totals.costUsd).toBeCloseTo(2 * (2 + 1));
		const odd = msg({ kind: 'assistant', state: 'done', meta: { model: 'claude-next', usage } });
		expect(sessionTotals([a, odd])).toMatchObject({ unpriced: true, inputTokens: 2_000_000 });
	});

	it('reads usage back from a document', () => {
		const doc = new Y.Doc();
		const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 3, cacheWriteTokens: 2 };
		appendMessage(doc, { id: newId(), kind: 'assistant', text: 'x', state: 'done', createdAt: 1, meta: { usage, model: 'claude-haiku-4-5' } });
		expect(sessionTotals(listMessages(doc, sessionId))).toMatchObject({ ...usage, requests: 1 });
	});
});
