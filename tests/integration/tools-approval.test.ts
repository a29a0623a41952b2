// Approvals through the runner: a write or command waits until a device answers, every device sees
// one decision, a denial goes back to Claude and the turn goes on, Stop and restarts end the wait.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { sessionChanges } from '../../src/lib/core/changes';
import type { Message } from '../../src/lib/core/model';
import { endTurns, requestStop, turnOutcome } from '../../src/lib/core/turns';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { DENIED } from '../../sync-server/src/runner/workspace-host';
import { link, MemoryHost, prompt, until } from './runner-harness';
import { toolsHarness, type ToolsHarness } from './tools-harness';

let h: ToolsHarness;
afterEach(() => h?.close());

const done = (h: ToolsHarness, id: string, doc = h.doc) =>
	until(doc, () => h.messages(doc).find((m) => m.id === id && m.state === 'done'), `prompt ${id} done`);
const call = (messages: Message[], toolUseId: string) => messages.find((m) => m.kind === 'tool_call' && m.meta.toolUseId === toolUseId);
const result = (messages: Message[], toolUseId: string) => messages.find((m) => m.kind === 'tool_result' && m.meta.toolUseId === toolUseId);
const decided = (h: ToolsHarness, toolUseId: string, doc = h.doc) =>
	until(doc, () => {
		const state = call(h.messages(doc), toolUseId)?.meta.approval?.state;
		return state && state !== 'pending' && state;
	}, `a decision on ${toolUseId}`);

const WRITE = { id: 'toolu_w', name: 'write', input: { path: 'plan.md', content: '# Plan\n' } };

describe('approvals: ask mode', () => {
	it('a write waits, shows on another device and in the index, and runs once that device approves', async () => {
		h = await toolsHarness();
		const laptop = h.device();
		const phone = h.device();
		h.fake.script(toolUse(WRITE), textReply('Plan written.'));
		const id = prompt(laptop, 'Write a plan');

		const waiting = await h.pending(phone);
		expect(waiting.meta).toMatchObject({ toolUseId: 'toolu_w', toolName: 'write', approval: { state: 'pending' } });
		expect(h.awaitingApproval()).toBe(true);
		expect(await h.file('plan.md')).toBeNull();
		expect(h.fake.requests).toHaveLength(1);

		expect(answerApproval(phone, 'toolu_w', 'approve', 'Phone')).toEqual({ ok: true });
		await done(h, id, laptop);
		expect(await h.file('plan.md')).toBe('# Plan\n');
		for (const doc of [h.doc, laptop, phone]) {
			expect(call(h.messages(doc), 'toolu_w')?.meta.approval).toMatchObject({ state: 'approved', by: 'Phone' });
			expect(pendingApprovals(h.messages(doc))).toEqual([]);
		}
		expect(h.awaitingApproval()).toBe(false);
		expect(sessionChanges(h.messages(laptop)).map((f) => [f.path, f.created])).toEqual([['plan.md', true]]);
		expect(h.messages(laptop).at(-1)).toMatchObject({ kind: 'assistant', text: 'Plan written.' });
	});

	it('a denied edit leaves the file untouched, Claude is told, and the turn goes on', async () => {
		h = await toolsHarness();
		await mkdir(h.root, { recursive: true });
		await writeFile(path.join(h.root, 'config.json'), '{"debug": false}\n');
		const phone = h.device();
		h.fake.script(
			toolUse({ id: 'toolu_e', name: 'edit', input: { path: 'config.json', old_string: 'false', new_string: 'true' } }),
			textReply('Understood, I left the config alone.')
		);
		const id = prompt(phone, 'Turn on debugging');
		await h.pending(phone);
		answerApproval(phone, 'toolu_e', 'deny', 'Phone');
		await done(h, id, phone);

		expect(await h.file('config.json')).toBe('{"debug": false}\n');
		const messages = h.messages(phone);
		expect(call(messages, 'toolu_e')?.meta.approval).toMatchObject({ state: 'denied', by: 'Phone' });
		expect(result(messages, 'toolu_e')).toMatchObject({ state: 'done', text: DENIED, meta: { isError: true } });
		expect(result(messages, 'toolu_e')?.meta.changes).toBeUndefined();
		expect(turnOutcome(messages, messages.find((m) => m.id === id)!)).toBe('done');
		const sent = (await h.fake.request(2)).body as { messages: Array<{ content: unknown[] }> };
		expect(sent.messages.at(-1)?.content).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_e', is_error: true, content: 'The user denied this action.' }]);
		expect(messages.at(-1)?.text).toBe('Understood, I left the config alone.');
	});

	it('in accept-edits mode a write runs without asking, but a shell command waits', async () => {
		h = await toolsHarness({ mode: 'accept-edits', shell: true });
		const phone = h.device();
		h.fake.script(toolUse(WRITE, { id: 'toolu_b', name: 'bash', input: { command: 'cat plan.md' } }), textReply('Done.'));
		const id = prompt(phone, 'Write and show the plan');
		const waiting = await h.pending(phone);
		expect(waiting.meta.toolUseId).toBe('toolu_b');
		expect(call(h.messages(phone), 'toolu_w')?.meta.approval).toBeUndefined();
		expect(await h.file('plan.md')).toBe('# Plan\n');

		answerApproval(phone, 'toolu_b', 'approve', 'Phone');
		await done(h, id, phone);
		expect(result(h.messages(phone), 'toolu_b')).toMatchObject({ text: '# Plan\n[exit code 0]', meta: { isError: false } });
	});
});

describe('approvals: devices answering at once', () => {
	it.each(['in one update', 'one after the other'])('two answers arriving %s: one decision, the same on both devices', async (arrival) => {
		h = await toolsHarness();
		// Concurrent writes to one map key converge on the higher client id: here the Phone's.
		const a = new Y.Doc();
		a.clientID = 1;
		const b = new Y.Doc();
		b.clientID = 2;
		let unlinkA = link(a, h.doc);
		let unlinkB = link(b, h.doc);
		h.fake.script(toolUse(WRITE), textReply('Finished.'));
		const id = prompt(a, 'Write a plan');
		await h.pending(a);
		await h.pending(b);

		// Both devices answer before either hears of the other's answer.
		unlinkA();
		unlinkB();
		expect(answerApproval(a, 'toolu_w', 'approve', 'Laptop')).toEqual({ ok: true });
		expect(answerApproval(b, 'toolu_w', 'deny', 'Phone')).toEqual({ ok: true });
		if (arrival === 'in one update') Y.applyUpdate(h.doc, Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]));
		unlinkA = link(a, h.doc);
		unlinkB = link(b, h.doc);

		const state = await decided(h, 'toolu_w');
		await done(h, id, a);
		await done(h, id, b);
		const onA = call(h.messages(a), 'toolu_w')?.meta.approval;
		const onB = call(h.messages(b), 'toolu_w')?.meta.approval;
		expect(onA).toEqual(onB);
		expect(onA).toEqual(call(h.messages(), 'toolu_w')?.meta.approval);
		// Together, the server sees only the converged answer; one after the other, the first it saw decides,
		// although the devices' map converged on the other answer.
		expect(onA).toMatchObject(arrival === 'in one update' ? { state: 'denied', by: 'Phone' } : { state: 'approved', by: 'Laptop' });
		expect(state).toBe(onA?.state);
		expect(await h.file('plan.md')).toBe(state === 'approved' ? '# Plan\n' : null);
		expect(h.messages(b).filter((m) => m.kind === 'tool_result')).toHaveLength(1);
		unlinkA();
		unlinkB();
	});
});

describe('approvals: ending the wait', () => {
	it('Stop while a call waits ends the turn interrupted, and nothing is written', async () => {
		h = await toolsHarness();
		const phone = h.device();
		h.fake.script(toolUse(WRITE), textReply('never asked'));
		const id = prompt(phone, 'Write a plan');
		await h.pending(phone);
		requestStop(phone, id);
		await done(h, id, phone);

		const messages = h.messages(phone);
		expect(turnOutcome(messages, messages.find((m) => m.id === id)!)).toBe('interrupted');
		expect(call(messages, 'toolu_w')?.meta.approval?.state).toBe('cancelled');
		expect(result(messages, 'toolu_w')).toMatchObject({ state: 'interrupted', meta: { isError: true } });
		expect(pendingApprovals(messages)).toEqual([]);
		expect(answerApproval(phone, 'toolu_w', 'approve', 'Phone')).toEqual({ ok: false, reason: 'not-pending' });
		expect(await h.file('plan.md')).toBeNull();
		expect(h.fake.requests).toHaveLength(1);
		expect(h.awaitingApproval()).toBe(false);
	});

	it('ending the session while a call waits denies it ("session ended") and ends the turn: nothing waits or runs', async () => {
		h = await toolsHarness();
		const phone = h.device();
		h.fake.script(toolUse(WRITE), textReply('never asked'));
		const id = prompt(phone, 'Write a plan');
		const waiting = await h.pending(phone);
		endTurns(phone, waiting.sessionId, 'Phone');
		await done(h, id, phone);

		const messages = h.messages(phone);
		expect(call(messages, 'toolu_w')?.meta.approval).toMatchObject({ state: 'denied', by: 'Phone' });
		expect(pendingApprovals(messages)).toEqual([]);
		expect(messages.some((m) => m.state === 'streaming' || m.state === 'running' || m.state === 'queued')).toBe(false);
		expect(await h.file('plan.md')).toBeNull();
		expect(h.awaitingApproval()).toBe(false);
	});

	it('after a server dies while a call waits, the restarted server shows it no longer waiting', async () => {
		h = await toolsHarness();
		h.fake.script(toolUse(WRITE));
		const id = prompt(h.doc, 'Write a plan');
		await h.pending(h.doc);
		expect(h.awaitingApproval()).toBe(true);
		// What the store holds at the moment the process is killed.
		const crashed = h.host.persisted();
		await h.close();

		h = await toolsHarness({ host: new MemoryHost(crashed), sessionId: h.sessionId });
		const messages = await until(h.doc, () => {
			const list = h.messages();
			return list.find((m) => m.id === id)?.state === 'done' && list;
		}, 'the cut-off turn settled');
		expect(call(messages, 'toolu_w')?.meta.approval?.state).toBe('cancelled');
		expect(pendingApprovals(messages)).toEqual([]);
		expect(turnOutcome(messages, messages.find((m) => m.id === id)!)).toBe('interrupted');
		expect(await h.file('plan.md')).toBeNull();
		await until(h.index, () => h.awaitingApproval() === false, 'the index mark cleared');
	});
});
