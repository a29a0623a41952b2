import { describe, expect, it } from 'vitest';
import { forkSession, forkTitle } from './fork';
import type { Message, Session } from './model';

const SOURCE: Session = { id: 'source', title: 'Dates', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code', permissionMode: 'plan' };
let seq = 0;
const msg = (id: string, kind: Message['kind'], text: string, meta: Message['meta'] = {}, state: Message['state'] = 'done'): Message => ({
	id,
	sessionId: 'source',
	kind,
	text,
	state,
	createdAt: 1000 + ++seq,
	updatedAt: 2000,
	meta
});

// Two finished turns, the second queued while the first still ran (so its answer comes after it), then a third.
const conversation = (): Message[] => [
	msg('p1', 'user', 'Find the dates', { images: [{ hash: 'h1', type: 'image/png', size: 3 }] }),
	msg('c1', 'tool_call', '', { replyTo: 'p1', toolName: 'Grep', toolUseId: 'toolu_1' }),
	msg('p2', 'user', 'Now format them'),
	msg('a1', 'assistant', 'Found two.', { replyTo: 'p1', agentUuid: 'uuid-1' }),
	msg('a2', 'assistant', 'Formatted.', { replyTo: 'p2', agentUuid: 'uuid-2' }),
	msg('s1', 'system', 'Session reopened.'),
	msg('p3', 'user', 'Add a test'),
	msg('a3', 'assistant', 'Added.', { replyTo: 'p3', agentUuid: 'uuid-3' })
];

describe('forkSession', () => {
	it('copies the turns before the prompt under new ids, links answers to their copied prompts, and drafts the prompt', () => {
		const result = forkSession(SOURCE, conversation(), { sessionId: 'cc-1' }, 'p3', 5000);
		if (!result.ok) throw new Error(result.error);
		const { fork } = result;
		expect(fork.messages.map((m) => m.text)).toEqual(['Find the dates', '', 'Now format them', 'Found two.', 'Formatted.', 'Session reopened.']);
		const byText = new Map(fork.messages.map((m) => [m.text, m]));
		expect(byText.get('Found two.')!.meta.replyTo).toBe(byText.get('Find the dates')!.id);
		expect(byText.get('Formatted.')!.meta.replyTo).toBe(byText.get('Now format them')!.id);
		expect(new Set(fork.messages.map((m) => m.id)).size).toBe(6);
		expect(fork.messages.some((m) => ['p1', 'p2', 'a1'].includes(m.id))).toBe(false);
		expect(fork.draft).toBe('Add a test');
		expect(fork.images).toEqual(['h1']);
		// Claude Code branches off at the end of the last copied turn.
		expect(fork.agent).toEqual({ sessionId: 'cc-1', at: 'uuid-2' });
	});

	it('is a new session named after the original, with its settings, with its own copy of the original’s files as they were before the prompt', () => {
		const result = forkSession(SOURCE, conversation(), {}, 'p2', 5000, 6000);
		if (!result.ok) throw new Error(result.error);
		expect(result.fork.session).toMatchObject({ title: 'Dates (fork)', createdAt: 5000, updatedAt: 6000, status: 'active', model: SOURCE.model, engine: 'claude-code', permissionMode: 'plan', filesFrom: { sessionId: 'source', promptId: 'p2' } });
		expect(result.fork.session.id).not.toBe('source');
		// Without Claude Code's session id there is no conversation to branch: the fork starts its own.
		expect(result.fork.agent).toBeUndefined();
		expect(result.fork.messages.map((m) => m.text)).toEqual(['Find the dates', '', 'Found two.']);
	});

	it('shares a chosen folder; a fork of a fork copies from the fork', () => {
		const inFolder = forkSession({ ...SOURCE, workspace: '/srv/repo' }, conversation(), {}, 'p2', 5000);
		expect(inFolder.ok && inFolder.fork.session).toMatchObject({ workspace: '/srv/repo' });
		expect(inFolder.ok && inFolder.fork.session.filesFrom).toBeUndefined();
		const ofFork = forkSession({ ...SOURCE, id: 'fork-1', folderOf: 'source' }, conversation(), {}, 'p2', 5000);
		expect(ofFork.ok && ofFork.fork.session.filesFrom).toEqual({ sessionId: 'fork-1', promptId: 'p2' });
	});

	it('from the first prompt holds nothing before it; on the Messages API it never branches an agent', () => {
		const first = forkSession(SOURCE, conversation(), { sessionId: 'cc-1' }, 'p1', 5000);
		expect(first.ok && first.fork.messages).toEqual([]);
		expect(first.ok && first.fork.agent).toBeUndefined();
		const light = forkSession({ ...SOURCE, engine: 'messages' }, conversation(), { sessionId: 'cc-1' }, 'p3', 5000);
		expect(light.ok && light.fork.agent).toBeUndefined();
	});

	it('refuses a message that is not a prompt, and a prompt whose earlier turns have not finished', () => {
		expect(forkSession(SOURCE, conversation(), {}, 'a1', 5000)).toEqual({ ok: false, error: 'not-a-prompt' });
		expect(forkSession(SOURCE, conversation(), {}, 'missing', 5000)).toEqual({ ok: false, error: 'not-a-prompt' });
		const running = conversation().map((m) => (m.id === 'p2' ? { ...m, state: 'running' as const } : m));
		expect(forkSession(SOURCE, running, {}, 'p3', 5000)).toEqual({ ok: false, error: 'turn-unfinished' });
		// The prompt itself may still be running: only what comes before it is copied.
		expect(forkSession(SOURCE, running, {}, 'p2', 5000).ok).toBe(true);
	});

	it('keeps a long title within the limit', () => {
		expect(forkTitle('x'.repeat(200))).toHaveLength(200);
		expect(forkTitle('x'.repeat(200)).endsWith(' (fork)')).toBe(true);
	});
});
