import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	answerApproval,
	cancelStaleApprovals,
	findToolCall,
	pendingApprovals,
	readAnswer,
	recordDecision,
	requestApproval
} from './approvals';
import { newId } from './ids';
import { appendMessage, controlMap, listMessages, type NewMessage } from './ydoc';

const SESSION = 'sess-1';

function turnWithCall(doc: Y.Doc, toolUseId = 'toolu_1', promptState: 'running' | 'done' = 'running') {
	const promptId = newId();
	const add = (m: Omit<NewMessage, 'createdAt'>) => appendMessage(doc, { createdAt: 1, ...m });
	add({ id: promptId, kind: 'user', text: 'fix it', state: promptState, meta: {} });
	add({ id: newId(), kind: 'tool_call', text: '', state: 'done', meta: { replyTo: promptId, toolName: 'write', toolUseId, toolInput: { path: 'a.txt', content: 'x' } } });
	return promptId;
}

/** Two devices and the server, each a Y.Doc; `sync` exchanges everything between them. */
function devices() {
	const server = new Y.Doc();
	const a = new Y.Doc();
	const b = new Y.Doc();
	const sync = () => {
		const merged = Y.mergeUpdates([server, a, b].map((d) => Y.encodeStateAsUpdate(d)));
		for (const d of [server, a, b]) Y.applyUpdate(d, merged);
	};
	return { server, a, b, sync };
}

const approval = (doc: Y.Doc) => listMessages(doc, SESSION).find((m) => m.kind === 'tool_call')?.meta.approval;

describe('approvals', () => {
	it('a pending request shows on a device, its answer reaches the server, and the decision is recorded for all', () => {
		const { server, a, b, sync } = devices();
		turnWithCall(server);
		expect(pendingApprovals(listMessages(server, SESSION))).toHaveLength(0);
		expect(requestApproval(server, 'toolu_1', 10)).toBe(true);
		sync();
		expect(pendingApprovals(listMessages(a, SESSION)).map((m) => m.meta.toolUseId)).toEqual(['toolu_1']);

		expect(answerApproval(a, 'toolu_1', 'approve', 'Phone', 20)).toEqual({ ok: true });
		sync();
		expect(readAnswer(server, 'toolu_1')).toEqual({ answer: 'approve', by: 'Phone', at: 20 });
		recordDecision(server, 'toolu_1', { state: 'approved', by: 'Phone', at: 30 });
		sync();
		for (const d of [server, a, b]) {
			expect(approval(d)).toEqual({ state: 'approved', by: 'Phone', at: 30 });
			expect(pendingApprovals(listMessages(d, SESSION))).toEqual([]);
			expect(controlMap(d).size).toBe(0);
		}
	});

	it('refuses to answer what is not pending, or what this device already sees answered', () => {
		const { server, a, b, sync } = devices();
		turnWithCall(server);
		sync();
		expect(answerApproval(a, 'toolu_1', 'approve', 'Phone')).toEqual({ ok: false, reason: 'not-pending' });
		expect(answerApproval(a, 'toolu_9', 'approve', 'Phone')).toEqual({ ok: false, reason: 'not-found' });
		requestApproval(server, 'toolu_1');
		sync();
		expect(answerApproval(a, 'toolu_1', 'deny', 'Phone')).toEqual({ ok: true });
		sync();
		expect(answerApproval(b, 'toolu_1', 'approve', 'Laptop')).toEqual({ ok: false, reason: 'already-answered' });
		expect(readAnswer(server, 'toolu_1')?.answer).toBe('deny');
	});

	it('concurrent answers from two devices converge to one answer everywhere', () => {
		const { server, a, b, sync } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		sync();
		expect(answerApproval(a, 'toolu_1', 'approve', 'Phone', 5)).toEqual({ ok: true });
		expect(answerApproval(b, 'toolu_1', 'deny', 'Laptop', 5)).toEqual({ ok: true });
		sync();
		const seen = [server, a, b].map((d) => readAnswer(d, 'toolu_1'));
		expect(seen[0]).toBeDefined();
		expect(seen[1]).toEqual(seen[0]);
		expect(seen[2]).toEqual(seen[0]);
	});

	it('a label is trimmed and bounded; an empty one still says who answered', () => {
		const { server } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		answerApproval(server, 'toolu_1', 'approve', '   ');
		expect(readAnswer(server, 'toolu_1')?.by).toBe('a device');
		recordDecision(server, 'toolu_1', { state: 'approved', at: 1 });
		turnWithCall(server, 'toolu_2');
		requestApproval(server, 'toolu_2');
		answerApproval(server, 'toolu_2', 'approve', 'x'.repeat(500));
		expect(readAnswer(server, 'toolu_2')?.by).toHaveLength(100);
	});

	it('a deny carries its reason, and a question its answers, to the server', () => {
		const { server, a, sync } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		turnWithCall(server, 'toolu_2');
		requestApproval(server, 'toolu_2');
		sync();
		answerApproval(a, 'toolu_1', 'deny', 'phone', 5, { message: '  use a branch first  ' });
		answerApproval(a, 'toolu_2', 'approve', 'phone', 6, { answers: { 'Which database?': 'PostgreSQL, Redis' }, message: '   ' });
		sync();
		expect(readAnswer(server, 'toolu_1')).toEqual({ answer: 'deny', by: 'phone', at: 5, message: 'use a branch first' });
		expect(readAnswer(server, 'toolu_2')).toEqual({ answer: 'approve', by: 'phone', at: 6, answers: { 'Which database?': 'PostgreSQL, Redis' } });
	});

	it('a deny reason is bounded', () => {
		const { server } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		answerApproval(server, 'toolu_1', 'deny', 'x', 1, { message: 'y'.repeat(20_000) });
		expect(readAnswer(server, 'toolu_1')?.message).toHaveLength(10_000);
	});

	it('a malformed answer written by some client is not an answer', () => {
		const { server } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		controlMap(server).set('approval:toolu_1', { answer: 'yes please' });
		expect(readAnswer(server, 'toolu_1')).toBeUndefined();
	});

	it('a call answered by a result, or in a turn that ended, no longer waits', () => {
		const doc = new Y.Doc();
		turnWithCall(doc, 'toolu_old', 'done');
		requestApproval(doc, 'toolu_old');
		const live = turnWithCall(doc, 'toolu_new');
		requestApproval(doc, 'toolu_new');
		expect(pendingApprovals(listMessages(doc, SESSION)).map((m) => m.meta.toolUseId)).toEqual(['toolu_new']);
		appendMessage(doc, { id: newId(), kind: 'tool_result', text: 'Stopped.', state: 'interrupted', createdAt: 2, meta: { replyTo: live, toolUseId: 'toolu_new' } });
		expect(pendingApprovals(listMessages(doc, SESSION))).toEqual([]);
	});

	it('cancels what still waits when no turn is live (a restart), and clears stray answers', () => {
		const doc = new Y.Doc();
		turnWithCall(doc);
		requestApproval(doc, 'toolu_1');
		answerApproval(doc, 'toolu_1', 'approve', 'Phone');
		expect(cancelStaleApprovals(doc, 50)).toBe(1);
		expect(approval(doc)).toEqual({ state: 'cancelled', at: 50 });
		expect(controlMap(doc).size).toBe(0);
		expect(cancelStaleApprovals(doc, 60)).toBe(0);
	});

	it('clears an answer that arrived after the decision (a device that answered offline)', () => {
		const { server, a, sync } = devices();
		turnWithCall(server);
		requestApproval(server, 'toolu_1');
		sync();
		answerApproval(a, 'toolu_1', 'deny', 'Phone');
		recordDecision(server, 'toolu_1', { state: 'approved', by: 'Laptop', at: 2 });
		sync();
		expect(readAnswer(server, 'toolu_1')?.by).toBe('Phone');
		controlMap(server).set('stop:p1', 1);
		expect(cancelStaleApprovals(server)).toBe(0);
		expect([...controlMap(server).keys()]).toEqual(['stop:p1']);
		expect(approval(server)).toEqual({ state: 'approved', by: 'Laptop', at: 2 });
	});

	it('an approval state from a newer version hides only the mark, never the message', () => {
		const doc = new Y.Doc();
		turnWithCall(doc);
		const call = findToolCall(doc, 'toolu_1')!;
		call.set('meta', { ...(call.get('meta') as object), approval: { state: 'escalated' } });
		const message = listMessages(doc, SESSION).find((m) => m.kind === 'tool_call');
		expect(message?.meta.toolUseId).toBe('toolu_1');
		expect(message?.meta.approval).toBeUndefined();
	});
});
