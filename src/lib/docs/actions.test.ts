import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { sessionDocName } from '$lib/core/docnames';
import { isStopRequested } from '$lib/core/turns';
import { readAnswer, requestApproval } from '$lib/core/approvals';
import { readImage } from '$lib/core/images';
import { appendMessage, findMessage, listMessages, patchMessage } from '$lib/core/ydoc';
import { readDraft, writeDraft } from '$lib/db/drafts';
import { latestMessages, promptBack } from '$lib/db/messages';
import { openDb } from '$lib/db/schema';
import { allSessions } from '$lib/db/sessions';
import { createSessionActions } from './actions';
import { createLocalDocs, type LocalDocs } from './local';

let docs: LocalDocs | undefined;
afterEach(() => {
	docs?.close();
	docs?.db.close();
});

async function setup(name = `t-${newId()}`) {
	docs = createLocalDocs(openDb(name), { mirrorDelayMs: 1 });
	await docs.start();
	let clock = 1_000;
	return { docs, actions: createSessionActions(docs, () => (clock += 1000)) };
}

describe('session actions', () => {
	it('creates, renames and lists sessions through the index doc', async () => {
		const { docs, actions } = await setup();
		const a = await actions.createSession('Alpha');
		const b = await actions.createSession('  ');
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(b.value.title).toBe('Untitled');
		await actions.renameSession(a.value.id, 'Alpha prime');
		expect((await allSessions(docs.db)).map((s) => s.title)).toEqual(['Alpha prime', 'Untitled']);
		expect(await actions.renameSession(a.value.id, '')).toEqual({ ok: false, error: 'title-invalid' });
	});

	it("names the server's model on new sessions once it is known, else the default", async () => {
		const { docs } = await setup();
		let model = 'claude-sonnet-5-5';
		const actions = createSessionActions(docs, Date.now, () => model);
		const before = await actions.createSession('Before');
		model = 'claude-from-server';
		const after = await actions.createSession('After');
		expect([before, after].map((r) => r.ok && r.value.model)).toEqual(['claude-sonnet-5-5', 'claude-from-server']);
		expect((await allSessions(docs.db)).map((s) => s.model).sort()).toEqual(['claude-from-server', 'claude-sonnet-5-5']);
	});

	it('records the chosen engine on a new session, which every device reads from the index', async () => {
		const { docs, actions } = await setup();
		const claude = await actions.createSession('Agent', undefined, 'claude-code');
		const light = await actions.createSession('Light', undefined, 'messages');
		const older = await actions.createSession('Unsaid');
		expect([claude, light, older].map((r) => r.ok && r.value.engine)).toEqual(['claude-code', 'messages', undefined]);
		const stored = new Map((await allSessions(docs.db)).map((s) => [s.title, s.engine]));
		expect(Object.fromEntries(stored)).toEqual({ Agent: 'claude-code', Light: 'messages', Unsaid: undefined });
	});

	it('stores a sent prompt as a queued user message, clears the draft and feeds the history', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		await writeDraft(docs.db, id, 'first');
		const sent = await actions.sendPrompt(id, '  first  ');
		await actions.sendPrompt(id, 'second');
		expect(sent).toMatchObject({ ok: true, value: { kind: 'user', state: 'queued', text: 'first' } });
		expect(await readDraft(docs.db, id)).toBe('');
		expect((await latestMessages(docs.db, id, 10)).map((m) => [m.seq, m.text, m.state])).toEqual([
			[0, 'first', 'queued'],
			[1, 'second', 'queued']
		]);
		expect(await promptBack(docs.db, id, 0)).toBe('second');
		const doc = await docs.registry.open(sessionDocName(id));
		expect(listMessages(doc, id).map((m) => m.text)).toEqual(['first', 'second']);
		expect(await actions.sendPrompt(id, '   ')).toEqual({ ok: false, error: 'prompt-empty' });
	});

	it('ends a session: a visible system message, and prompts are refused afterwards', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		const ended = await actions.endSession(id);
		expect(ended).toMatchObject({ ok: true, value: { status: 'ended' } });
		expect((await latestMessages(docs.db, id, 10)).map((m) => m.kind)).toEqual(['system']);
		expect(await actions.sendPrompt(id, 'too late')).toEqual({ ok: false, error: 'session-ended' });
	});

	it('reopens an ended session: it takes prompts again, and the stream says when', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		await actions.endSession(id);
		expect(await actions.reopenSession(id)).toMatchObject({ ok: true, value: { status: 'active' } });
		expect((await latestMessages(docs.db, id, 10)).map((m) => m.text)).toEqual(['Session ended.', 'Session reopened.']);
		expect(await actions.sendPrompt(id, 'again')).toMatchObject({ ok: true });
		expect(await actions.reopenSession('no-such-session')).toEqual({ ok: false, error: 'session-missing' });
	});

	it('asks the server to stop a turn through the session doc', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const sent = await actions.sendPrompt(created.value.id, 'long job');
		if (!sent.ok) throw new Error(sent.error);
		expect(await actions.stopTurn(created.value.id, sent.value.id)).toEqual({ ok: true, value: null });
		const doc = await docs.registry.open(sessionDocName(created.value.id));
		expect(isStopRequested(doc, sent.value.id)).toBe(true);
		expect(await actions.stopTurn('no-such-session', sent.value.id)).toEqual({ ok: false, error: 'session-missing' });
	});

	it('retries an interrupted turn once, as a new queued prompt that names the old one', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		const sent = await actions.sendPrompt(id, 'long job');
		if (!sent.ok) throw new Error(sent.error);
		expect(await actions.retryTurn(id, sent.value.id)).toEqual({ ok: false, error: 'turn-not-retryable' });
		const doc = await docs.registry.open(sessionDocName(id));
		patchMessage(findMessage(doc, sent.value.id)!, { state: 'done' });
		appendMessage(doc, { id: newId(), kind: 'assistant', text: 'half', state: 'interrupted', createdAt: 5, meta: { replyTo: sent.value.id } });
		const retried = await actions.retryTurn(id, sent.value.id);
		expect(retried).toMatchObject({ ok: true, value: { kind: 'user', state: 'queued', text: 'long job', meta: { retryOf: sent.value.id } } });
		expect(await actions.retryTurn(id, sent.value.id)).toEqual({ ok: false, error: 'turn-not-retryable' });
		expect((await latestMessages(docs.db, id, 10)).map((m) => m.state)).toEqual(['done', 'interrupted', 'queued']);
		docs.registry.release(sessionDocName(id));
	});

	it('deletes a session with its messages, draft and stored doc', async () => {
		const { docs, actions } = await setup();
		const keep = await actions.createSession('keep');
		const drop = await actions.createSession('drop');
		if (!keep.ok || !drop.ok) throw new Error('create failed');
		await actions.sendPrompt(drop.value.id, 'hello');
		await writeDraft(docs.db, drop.value.id, 'unsent');
		await actions.deleteSession(drop.value.id);
		expect((await allSessions(docs.db)).map((s) => s.title)).toEqual(['keep']);
		expect(await latestMessages(docs.db, drop.value.id, 10)).toEqual([]);
		expect(await readDraft(docs.db, drop.value.id)).toBe('');
		expect(await docs.db.docs.get(sessionDocName(drop.value.id))).toBeUndefined();
		expect(await actions.sendPrompt(drop.value.id, 'x')).toEqual({ ok: false, error: 'session-missing' });
	});

	it('keeps everything across a restart of the app on the same database', async () => {
		const name = `t-${newId()}`;
		const first = await setup(name);
		const created = await first.actions.createSession('Persisted');
		if (!created.ok) throw new Error(created.error);
		await first.actions.sendPrompt(created.value.id, 'remember me');
		await new Promise((r) => setTimeout(r, 20));
		first.docs.close();
		first.docs.db.close();
		const second = await setup(name);
		await second.docs.settled();
		expect((await allSessions(second.docs.db)).map((s) => s.title)).toEqual(['Persisted']);
		const doc = await second.docs.registry.open(sessionDocName(created.value.id));
		expect(listMessages(doc, created.value.id).map((m) => m.text)).toEqual(['remember me']);
	});

	it('answers a tool call waiting for approval once, and not one that is not waiting', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		const doc = await docs.registry.open(sessionDocName(id));
		appendMessage(doc, { id: newId(), kind: 'tool_call', text: '', state: 'done', createdAt: 1, meta: { toolUseId: 'toolu_1', toolName: 'write' } });
		expect(await actions.answerApproval(id, 'toolu_1', 'approve', 'Phone')).toEqual({ ok: false, error: 'approval-closed' });
		requestApproval(doc, 'toolu_1', 2);
		expect(await actions.answerApproval(id, 'toolu_1', 'deny', 'Phone')).toEqual({ ok: true, value: null });
		expect(readAnswer(doc, 'toolu_1')).toMatchObject({ answer: 'deny', by: 'Phone' });
		expect(await actions.answerApproval(id, 'toolu_1', 'approve', 'Laptop')).toEqual({ ok: false, error: 'approval-closed' });
		expect(readAnswer(doc, 'toolu_1')?.answer).toBe('deny');
	});

	it('carries a deny reason, plan feedback or the answers to questions with the answer', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		const doc = await docs.registry.open(sessionDocName(id));
		for (const toolUseId of ['toolu_plan', 'toolu_ask']) {
			appendMessage(doc, { id: newId(), kind: 'tool_call', text: '', state: 'done', createdAt: 1, meta: { toolUseId, toolName: 'x' } });
			requestApproval(doc, toolUseId, 2);
		}
		await actions.answerApproval(id, 'toolu_plan', 'deny', 'Phone', { message: 'Write the tests first.' });
		await actions.answerApproval(id, 'toolu_ask', 'approve', 'Phone', { answers: { 'Which library?': 'Luxon' } });
		expect(readAnswer(doc, 'toolu_plan')).toMatchObject({ answer: 'deny', message: 'Write the tests first.' });
		expect(readAnswer(doc, 'toolu_ask')).toMatchObject({ answer: 'approve', answers: { 'Which library?': 'Luxon' } });
	});

	it('sets the permission mode in the index, not for an ended session', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		expect(await actions.setPermissionMode(id, 'read-only')).toMatchObject({ ok: true, value: { permissionMode: 'read-only' } });
		expect((await allSessions(docs.db))[0].permissionMode).toBe('read-only');
		await actions.endSession(id);
		expect(await actions.setPermissionMode(id, 'accept-edits')).toEqual({ ok: false, error: 'session-ended' });
	});

	it('forgets the device’s copies of a deleted session’s files and git status', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('S');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		await docs.db.fileListings.put({ sessionId: id, path: '.', entries: [], truncated: false, fetchedAt: 1 });
		await docs.db.fileContents.put({ sessionId: id, path: 'a', text: 'x', version: 'v', size: 1, fetchedAt: 1 });
		await docs.db.gitViews.put({ sessionId: id, key: 'status', value: { repo: false }, fetchedAt: 1 });
		await actions.deleteSession(id);
		expect(await docs.db.fileListings.count()).toBe(0);
		expect(await docs.db.fileContents.count()).toBe(0);
		expect(await docs.db.gitViews.count()).toBe(0);
	});

	it('forks before a prompt: a session in the index, the earlier turn and its image in the fork’s doc, the prompt as its draft', async () => {
		const { docs, actions } = await setup();
		const created = await actions.createSession('Report', undefined, 'claude-code');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const first = await actions.sendPrompt(id, 'What is in this chart?', [{ bytes: png }]);
		const second = await actions.sendPrompt(id, 'Redraw it');
		if (!first.ok || !second.ok) throw new Error('not sent');
		expect(await actions.forkSession(id, second.value.id)).toEqual({ ok: false, error: 'turn-unfinished' });
		const doc = await docs.registry.open(sessionDocName(id));
		patchMessage(findMessage(doc, first.value.id)!, { state: 'done' });
		appendMessage(doc, { id: newId(), kind: 'assistant', text: 'Sales by month.', state: 'done', createdAt: 5, meta: { replyTo: first.value.id } });
		docs.registry.release(sessionDocName(id));

		const forked = await actions.forkSession(id, second.value.id);
		if (!forked.ok) throw new Error(forked.error);
		expect(forked.value).toMatchObject({ title: 'Report (fork)', engine: 'claude-code', filesFrom: { sessionId: id, promptId: second.value.id } });
		expect((await allSessions(docs.db)).map((s) => s.title).sort()).toEqual(['Report', 'Report (fork)']);
		expect(await readDraft(docs.db, forked.value.id)).toBe('Redraw it');
		const copy = await docs.registry.open(sessionDocName(forked.value.id));
		const copied = listMessages(copy, forked.value.id);
		expect(copied.map((m) => [m.kind, m.text, m.state])).toEqual([
			['user', 'What is in this chart?', 'done'],
			['assistant', 'Sales by month.', 'done']
		]);
		expect(readImage(copy, copied[0]!.meta.images![0]!.hash)).toEqual(png);
		docs.registry.release(sessionDocName(forked.value.id));
		expect(await actions.forkSession(id, 'no-such-prompt')).toEqual({ ok: false, error: 'not-a-prompt' });
	});
});
