import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from './ids';
import { canRetry, turnOutcome } from './turns';
import { appendMessage, listMessages } from './ydoc';
import { recoverTurns } from './turn-doc';

const sessionId = newId();
const add = (doc: Y.Doc, kind: 'user' | 'assistant', state: 'queued' | 'running' | 'streaming' | 'done', replyTo?: string, text = 'x') =>
	appendMessage(doc, { id: newId(), kind, text, state, createdAt: 1, meta: replyTo ? { replyTo } : {} }).get('id') as string;

describe('recoverTurns (after a restart)', () => {
	it('leaves no message streaming and offers Retry for the cut turn', () => {
		const doc = new Y.Doc();
		const done = add(doc, 'user', 'done');
		add(doc, 'assistant', 'done', done);
		const prompt = add(doc, 'user', 'running');
		add(doc, 'assistant', 'streaming', prompt, 'partial');
		const queued = add(doc, 'user', 'queued');
		expect(recoverTurns(doc)).toEqual([prompt]);
		const messages = listMessages(doc, sessionId);
		expect(messages.map((m) => m.state)).toEqual(['done', 'done', 'done', 'interrupted', 'queued']);
		expect(messages[3].text).toBe('partial');
		expect(canRetry(messages, messages[2])).toBe(true);
		expect(messages.find((m) => m.id === queued)?.state).toBe('queued');
	});

	it('gives a prompt cut before any reply an interrupted reply, so it can be retried', () => {
		const doc = new Y.Doc();
		const prompt = add(doc, 'user', 'running');
		recoverTurns(doc);
		const messages = listMessages(doc, sessionId);
		expect(messages[1]).toMatchObject({ kind: 'assistant', state: 'interrupted', meta: { replyTo: prompt } });
		expect(canRetry(messages, messages[0])).toBe(true);
	});

	it('marks a turn cut between tool calls, or while a call waited for approval, interrupted', () => {
		const doc = new Y.Doc();
		const prompt = add(doc, 'user', 'running');
		add(doc, 'assistant', 'done', prompt, 'Let me write it.');
		appendMessage(doc, {
			id: newId(),
			kind: 'tool_call',
			text: '',
			state: 'done',
			createdAt: 1,
			meta: { replyTo: prompt, toolUseId: 'toolu_1', toolName: 'write', approval: { state: 'pending', at: 1 } }
		});
		expect(recoverTurns(doc, () => 9)).toEqual([prompt]);
		const messages = listMessages(doc, sessionId);
		expect(messages.find((m) => m.kind === 'tool_call')?.meta.approval).toEqual({ state: 'cancelled', at: 9 });
		expect(turnOutcome(messages, messages[0])).toBe('interrupted');
		expect(canRetry(messages, messages[0])).toBe(true);
	});

	it('changes nothing in a settled document', () => {
		const doc = new Y.Doc();
		const p = add(doc, 'user', 'done');
		add(doc, 'assistant', 'done', p);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(recoverTurns(doc)).toEqual([]);
		expect(updates).toBe(0);
	});
});
