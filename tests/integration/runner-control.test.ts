// Stop, restart and Retry, and the per-tenant limits that make a prompt wait with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/core/ids';
import { canRetry, isStopRequested, requestStop, retryPrompt } from '../../src/lib/core/turns';
import { listMessages, putSession, updateSession } from '../../src/lib/core/ydoc';
import { textReply } from '../../sync-server/src/demo/script';
import { createRunner } from '../../sync-server/src/runner/runner';
import { harness, link, MemoryHost, prompt, TENANT, until, type Harness } from './runner-harness';

let h: Harness;
afterEach(() => h?.close());

const slow = (text = 'word '.repeat(400)) => textReply(text, { delayMs: 5, chunkChars: 5 });
const replyTo = (h: Harness, id: string, doc = h.doc) => h.messages(doc).find((m) => m.kind === 'assistant' && m.meta.replyTo === id);
const promptOf = (h: Harness, id: string, doc = h.doc) => h.messages(doc).find((m) => m.id === id)!;

describe('runner: Stop', () => {
	it('stop from another device aborts the upstream request, keeps the partial text, and offers Retry', async () => {
		h = await harness();
		h.fake.script(slow());
		const laptop = new Y.Doc();
		const phone = new Y.Doc();
		link(laptop, h.doc);
		link(phone, h.doc);
		const id = prompt(laptop, 'Write a lot');
		await until(phone, () => (replyTo(h, id, phone)?.text.length ?? 0) > 20, 'some text on the phone');
		requestStop(phone, id);
		await until(laptop, () => replyTo(h, id, laptop)?.state === 'interrupted' && promptOf(h, id, laptop).state === 'done', 'interrupted');
		expect(await h.fake.requests[0].ended).toBe('client-closed');
		const partial = replyTo(h, id, laptop)!.text;
		expect(partial.length).toBeGreaterThan(20);
		expect(partial.length).toBeLessThan(2000);
		// The upstream never reported an output count (message_start's 1 is a placeholder): it is counted from what streamed.
		expect(replyTo(h, id, laptop)!.meta.usage).toMatchObject({ outputTokens: Math.ceil(partial.length / 4), outputEstimated: true });
		// Someone's Stop, not a restart: the reply reads "stopped".
		expect(replyTo(h, id, laptop)!.meta.stopped).toBe(true);
		expect(isStopRequested(h.doc, id)).toBe(false);
		expect(canRetry(h.messages(laptop), promptOf(h, id, laptop))).toBe(true);
	});

	it('stop on a prompt that has not started cancels it without a request', async () => {
		h = await harness();
		h.fake.script(slow('a'.repeat(300)), textReply('never sent'));
		const first = prompt(h.doc, 'first');
		const second = prompt(h.doc, 'second');
		requestStop(h.doc, second);
		await until(h.doc, () => promptOf(h, first).state === 'done' && promptOf(h, second).state === 'done', 'both settled');
		expect(h.fake.requests).toHaveLength(1);
		expect(replyTo(h, second)).toMatchObject({ state: 'interrupted', text: '', meta: { stopped: true } });
		expect(isStopRequested(h.doc, second)).toBe(false);
		expect(canRetry(h.messages(), promptOf(h, second))).toBe(true);
	});
});

describe('runner: restart and Retry', () => {
	it('a turn cut by a crash becomes interrupted on the next start, and Retry runs it without the cut attempt', async () => {
		h = await harness();
		h.fake.script(textReply('The first half and', { end: 'hang' }));
		const id = prompt(h.doc, 'Tell me everything');
		await until(h.doc, () => replyTo(h, id)?.text === 'The first half and', 'partial reply');
		expect(replyTo(h, id)?.state).toBe('streaming');
		// A new server process starts from what the store holds at the moment this one dies; a device connects.
		const next = await harness({ host: new MemoryHost(h.host.persisted()), sessionId: h.sessionId });
		const { doc } = next;
		await next.runner.settled();
		const cut = listMessages(doc, h.sessionId);
		expect(cut.filter((m) => m.state === 'streaming' || m.state === 'running')).toEqual([]);
		expect(cut.find((m) => m.kind === 'assistant')).toMatchObject({ state: 'interrupted', text: 'The first half and' });
		const original = cut.find((m) => m.id === id)!;
		expect(canRetry(cut, original)).toBe(true);

		next.fake.script(textReply('Everything, in full.'));
		const retry = retryPrompt(doc, original).get('id') as string;
		await until(doc, () => listMessages(doc, h.sessionId).find((m) => m.id === retry && m.state === 'done'), 'retry done');
		const final = listMessages(doc, h.sessionId);
		expect(final.find((m) => m.kind === 'assistant' && m.meta.replyTo === retry)?.text).toBe('Everything, in full.');
		expect(canRetry(final, original)).toBe(false);
		expect((next.fake.requests[0].body as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Tell me everything' }] }]);
		await next.close();
	});

	it('a restart resumes the queued prompts of documents nobody has open', async () => {
		h = await harness();
		h.fake.script(slow());
		const running = prompt(h.doc, 'long one');
		const waiting = prompt(h.doc, 'next one');
		await until(h.doc, () => replyTo(h, running)?.text, 'first streaming');
		await h.runner.stop();
		expect(replyTo(h, running)?.state).toBe('interrupted');
		expect(promptOf(h, waiting).state).toBe('queued');
		expect(await h.work.listPending()).toEqual([{ tenant: TENANT, doc: h.name }]);

		// A new process: the store has the document and the pending mark, and no device is connected.
		const host = new MemoryHost(h.host.persisted());
		const runner = createRunner({ host, work: h.work, client: h.client, config: { flushMs: 20 } });
		h.fake.script(textReply('Resumed'));
		await runner.start();
		const stored = host.docs.get(`${TENANT}/${h.name}`)?.doc;
		expect(stored).toBeDefined();
		await until(stored!, () => listMessages(stored!, h.sessionId).find((m) => m.id === waiting && m.state === 'done'), 'queued prompt ran');
		expect(listMessages(stored!, h.sessionId).find((m) => m.meta.replyTo === waiting)?.text).toBe('Resumed');
		await runner.settled();
		expect(await h.work.listPending()).toEqual([]);
		expect(host.holds(TENANT, h.name)).toBe(0);
		await runner.stop();
	});
});

describe('runner: pending marks', () => {
	it('a stale pending mark (nothing left to run) is cleared at start, and the document let go', async () => {
		h = await harness();
		const id = prompt(h.doc, 'already answered');
		await until(h.doc, () => promptOf(h, id).state === 'done', 'answered');
		await h.runner.stop();
		await h.work.setPending(TENANT, h.name, true);
		const host = new MemoryHost(h.host.persisted());
		const runner = createRunner({ host, work: h.work, client: h.client });
		await runner.start();
		await runner.settled();
		expect(await h.work.listPending()).toEqual([]);
		expect(host.holds(TENANT, h.name)).toBe(0);
		expect(h.fake.requests).toHaveLength(1);
		await runner.stop();
	});
});

describe('runner: limits per tenant', () => {
	it('over the prompts-per-minute limit a prompt waits, says why, and runs when the window moves on', async () => {
		h = await harness({ config: { limits: { promptsPerMinute: 1, windowMs: 400 } } });
		const first = prompt(h.doc, 'one');
		const second = prompt(h.doc, 'two');
		const reason = await until(h.doc, () => promptOf(h, second).meta.waitReason, 'a wait reason');
		expect(reason).toMatch(/limit of 1 prompts per minute/);
		expect(promptOf(h, first).state).toBe('done');
		await until(h.doc, () => promptOf(h, second).state === 'done', 'second ran');
		expect(promptOf(h, second).meta.waitReason).toBeUndefined();
		expect(h.fake.requests).toHaveLength(2);
	});

	it('over the concurrent-turns limit a prompt in another session waits for the running turn', async () => {
		h = await harness({ config: { limits: { concurrentTurns: 1 } } });
		h.fake.script(slow('b'.repeat(200)), textReply('my turn now'));
		const busy = prompt(h.doc, 'long');
		await until(h.doc, () => replyTo(h, busy)?.text, 'first turn streaming');
		const otherId = newId();
		const other = h.host.doc(TENANT, `session/${otherId}`);
		const waiting = prompt(other, 'short');
		const own = (id: string) => listMessages(other, otherId).find((m) => m.id === id)!;
		const reason = await until(other, () => own(waiting).meta.waitReason, 'a wait reason');
		expect(reason).toMatch(/1 other turn is running/);
		expect(replyTo(h, busy)?.state).toBe('streaming');
		await until(other, () => own(waiting).state === 'done', 'second session ran');
		expect(replyTo(h, busy)?.state).toBe('done');
		expect(listMessages(other, otherId).find((m) => m.kind === 'assistant')?.text).toBe('my turn now');
	});

	it('a prompt that waited for a slot runs with the model chosen while it waited, not the one of when it was queued', async () => {
		h = await harness({ config: { limits: { concurrentTurns: 1 } } });
		h.fake.script(slow('b'.repeat(200)), textReply('with the new model'));
		const busy = prompt(h.doc, 'long');
		await until(h.doc, () => replyTo(h, busy)?.text, 'first turn streaming');
		const otherId = newId();
		const index = h.host.doc(TENANT, 'index');
		putSession(index, { id: otherId, title: 'Other', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-haiku-4-5' });
		const other = h.host.doc(TENANT, `session/${otherId}`);
		const waiting = prompt(other, 'short');
		const own = () => listMessages(other, otherId).find((m) => m.id === waiting)!;
		await until(other, () => own().meta.waitReason, 'a wait reason');
		updateSession(index, otherId, { model: 'claude-opus-5-5' }, 2);
		await until(other, () => own().state === 'done', 'second session ran');
		expect((h.fake.requests.at(-1)!.body as { model: string }).model).toBe('claude-opus-5-5');
	});
});
