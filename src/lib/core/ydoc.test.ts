import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from './ids';
import {
	appendMessage,
	appendText,
	findMessage,
	listMessages,
	listSessions,
	patchMessage,
	putSession,
	readAgentInfo,
	readSession,
	sessionsMap,
	updateSession,
	writeAgentInfo
} from './ydoc';

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

const session = (title: string) => ({
	id: newId(),
	title,
	createdAt: 1,
	updatedAt: 1,
	status: 'active' as const,
	model: 'claude-sonnet-4-5'
});

describe('session documents', () => {
	it('streams text into a message and reads it back validated', () => {
		const doc = new Y.Doc();
		const sessionId = newId();
		const prompt = appendMessage(doc, { id: newId(), kind: 'user', text: 'hi', state: 'queued', createdAt: 1, meta: {} });
		const reply = appendMessage(doc, { id: newId(), kind: 'assistant', text: '', state: 'streaming', createdAt: 2, meta: {} });
		appendText(reply, 'Hel');
		appendText(reply, 'lo');
		patchMessage(reply, { state: 'done', meta: { stopReason: 'end_turn' } }, 5);
		patchMessage(prompt, { state: 'done' }, 5);
		const messages = listMessages(doc, sessionId);
		expect(messages.map((m) => [m.kind, m.text, m.state])).toEqual([
			['user', 'hi', 'done'],
			['assistant', 'Hello', 'done']
		]);
		expect(messages[1].meta.stopReason).toBe('end_turn');
		expect(messages[1].updatedAt).toBe(5);
	});

	it('appends a message id once, so a retried send runs once', () => {
		const doc = new Y.Doc();
		const id = newId();
		appendMessage(doc, { id, kind: 'user', text: 'once', state: 'queued', createdAt: 1, meta: {} });
		appendMessage(doc, { id, kind: 'user', text: 'once', state: 'queued', createdAt: 1, meta: {} });
		expect(listMessages(doc, 's')).toHaveLength(1);
		expect(findMessage(doc, id)).toBeDefined();
	});

	it('recognises an id that arrived from another device, so its retry is not appended twice', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		appendMessage(a, { id: newId(), kind: 'user', text: 'local', state: 'queued', createdAt: 1, meta: {} });
		const id = newId();
		appendMessage(b, { id, kind: 'user', text: 'sent from b', state: 'queued', createdAt: 1, meta: {} });
		sync(a, b);
		appendMessage(a, { id, kind: 'user', text: 'sent from b', state: 'queued', createdAt: 1, meta: {} });
		expect(listMessages(a, 's').map((m) => m.text).sort()).toEqual(['local', 'sent from b']);
		expect(findMessage(a, id)?.get('text')?.toString()).toBe('sent from b');
	});

	it('merges messages written on two devices while apart, in the same order on both', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		appendMessage(a, { id: newId(), kind: 'user', text: 'from a', state: 'queued', createdAt: 1, meta: {} });
		appendMessage(b, { id: newId(), kind: 'user', text: 'from b', state: 'queued', createdAt: 1, meta: {} });
		sync(a, b);
		const onA = listMessages(a, 's').map((m) => m.text);
		expect(onA.sort()).toEqual(['from a', 'from b']);
		expect(listMessages(b, 's').map((m) => m.text)).toEqual(listMessages(a, 's').map((m) => m.text));
	});

	it('refuses a message that breaks the schema', () => {
		const doc = new Y.Doc();
		expect(() =>
			appendMessage(doc, { id: '../x', kind: 'user', text: '', state: 'queued', createdAt: 1, meta: {} })
		).toThrow();
		expect(listMessages(doc, 's')).toHaveLength(0);
	});
});

describe('index documents', () => {
	it('keeps concurrent edits of different fields of one session', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const s = session('first');
		putSession(a, s);
		sync(a, b);
		updateSession(a, s.id, { title: 'renamed' }, 10);
		updateSession(b, s.id, { status: 'ended' }, 11);
		sync(a, b);
		for (const doc of [a, b]) {
			const [only] = listSessions(doc);
			expect(only.title).toBe('renamed');
			expect(only.status).toBe('ended');
		}
	});

	it('skips entries that do not validate instead of failing the list', () => {
		const doc = new Y.Doc();
		putSession(doc, session('ok'));
		const broken = new Y.Map<unknown>();
		broken.set('title', 42);
		doc.getMap('sessions').set('broken', broken);
		expect(listSessions(doc).map((s) => s.title)).toEqual(['ok']);
	});
});

describe('engines', () => {
	it('a session made before engines existed reads as the Messages API engine; an unknown engine does not hide it', () => {
		const doc = new Y.Doc();
		const old = session('old');
		putSession(doc, old);
		expect(listSessions(doc)[0].engine).toBeUndefined();
		const fresh = { ...session('new'), engine: 'claude-code' as const };
		putSession(doc, fresh);
		sessionsMap(doc).get(old.id)!.set('engine', 'some-future-engine');
		expect(readSession(sessionsMap(doc).get(fresh.id)!)?.engine).toBe('claude-code');
		expect(readSession(sessionsMap(doc).get(old.id)!)).toMatchObject({ title: 'old', engine: undefined });
	});
});

describe('agent facts', () => {
	it('reach another device, and a malformed field hides only itself', () => {
		const server = new Y.Doc();
		const device = new Y.Doc();
		writeAgentInfo(server, { sessionId: 'cc-1', slashCommands: ['compact', 'review'], mcpServers: [{ name: 'fs', status: 'connected' }] });
		writeAgentInfo(server, { model: 'claude-sonnet-4-5' });
		sync(server, device);
		expect(readAgentInfo(device)).toEqual({
			sessionId: 'cc-1',
			model: 'claude-sonnet-4-5',
			slashCommands: ['compact', 'review'],
			mcpServers: [{ name: 'fs', status: 'connected' }]
		});
		device.getMap('agent').set('tools', 'not a list');
		expect(readAgentInfo(device).tools).toBeUndefined();
		expect(readAgentInfo(device).sessionId).toBe('cc-1');
	});

	it('keeps subagent, checklist, approval kind and compaction marks on messages; drops unknown values of the optional ones', () => {
		const doc = new Y.Doc();
		const todos = [{ content: 'write tests', status: 'in_progress' as const, activeForm: 'Writing tests' }];
		appendMessage(doc, { id: newId(), kind: 'tool_call', text: '', state: 'done', createdAt: 1, meta: { parentToolUseId: 'toolu_task', todos, approvalKind: 'plan' } });
		appendMessage(doc, { id: newId(), kind: 'system', text: 'Context compacted', state: 'done', createdAt: 2, meta: { compaction: true } });
		const odd = appendMessage(doc, { id: newId(), kind: 'tool_call', text: '', state: 'done', createdAt: 3, meta: {} });
		odd.set('meta', { approvalKind: 'vote', todos: [{ content: 'x', status: 'someday' }] });
		const [call, note, third] = listMessages(doc, 's');
		expect(call.meta).toMatchObject({ parentToolUseId: 'toolu_task', todos, approvalKind: 'plan' });
		expect(note.meta.compaction).toBe(true);
		expect(third.meta).toEqual({ approvalKind: undefined, todos: undefined });
	});
});
