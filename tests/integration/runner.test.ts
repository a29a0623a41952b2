// Flows of the Claude runner against the fake Anthropic server: streaming into the document,
// devices that sync late or twice, per-session order, tool use, and the demo model.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_MODEL } from '../../src/lib/core/defaults';
import { newId } from '../../src/lib/core/ids';
import { appendMessage, listMessages, updateSession } from '../../src/lib/core/ydoc';
import { textReply } from '../../sync-server/src/demo/script';
import { createRunner } from '../../sync-server/src/runner/runner';
import { createUpstream } from '../../sync-server/src/runner/upstream';
import { memoryWorkList } from '../../sync-server/src/runner/worklist';
import type { ToolHost } from '../../sync-server/src/runner/tools';
import { harness, KEY, link, MemoryHost, prompt, TENANT, until, type Harness } from './runner-harness';

let h: Harness;
afterEach(() => h?.close());

const reply = (h: Harness, promptId: string, doc = h.doc) =>
	h.messages(doc).find((m) => m.kind === 'assistant' && m.meta.replyTo === promptId);
const settled = (h: Harness, promptId: string, doc = h.doc) =>
	until(doc, () => h.messages(doc).find((m) => m.id === promptId && m.state === 'done'), `prompt ${promptId} done`);

describe('runner: streaming a reply', () => {
	it('streams into the document in few updates, and a second device sees the text grow', async () => {
		h = await harness({ model: 'claude-opus-5-5' });
		const text = 'Streaming works. '.repeat(120);
		h.fake.script(textReply(text, { chunkChars: 4, delayMs: 1, usage: { cache_read_input_tokens: 7, cache_creation_input_tokens: 3 } }));
		const device = new Y.Doc();
		link(device, h.doc);
		const id = newId();
		const seen = new Set<number>();
		device.on('update', () => seen.add(reply(h, id, device)?.text.length ?? 0));
		let serverUpdates = 0;
		h.doc.on('update', () => serverUpdates++);

		const started = performance.now();
		prompt(device, 'Say it', id);
		await settled(h, id, device);
		const elapsedMs = performance.now() - started;

		const answer = reply(h, id, device)!;
		expect(answer.text).toBe(text);
		expect(answer.state).toBe('done');
		expect(answer.meta).toMatchObject({ model: 'claude-opus-5-5', stopReason: 'end_turn', usage: { cacheReadTokens: 7, cacheWriteTokens: 3 } });
		expect(answer.meta.usage!.inputTokens).toBeGreaterThan(0);
		expect(answer.meta.usage!.outputTokens).toBeGreaterThan(0);
		expect(answer.meta.durationMs).toBeGreaterThanOrEqual(0);
		expect(answer.meta.requestId).toMatch(/^req_/);
		expect(seen.size).toBeGreaterThan(3);
		// Batched: far fewer updates than the 510 deltas, and at most about one per 16 ms however slowly
		// the machine delivers them (a loaded machine stretches the stream, and with it the flush count).
		expect(serverUpdates).toBeLessThan(Math.max(text.length / 20, elapsedMs / 16 + 20));
		expect(serverUpdates).toBeLessThan(text.length / 8);

		const sent = (await h.fake.request(1)).body as Record<string, unknown>;
		expect(sent).toMatchObject({ model: 'claude-opus-5-5', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'Say it' }] }] });
		expect(sent.system).toEqual(expect.stringContaining('session-runner'));
		expect(h.fake.requests[0].apiKey).toBe(KEY);
	});

	it('uses the default model when the session names none', async () => {
		h = await harness();
		const id = prompt(h.doc, 'hi');
		await settled(h, id);
		expect((h.fake.requests[0].body as { model: string }).model).toBe(DEFAULT_MODEL);
	});
});

describe('runner: devices and the queue', () => {
	it('runs a prompt typed offline once the device is back, and the reply reaches it', async () => {
		h = await harness();
		const phone = new Y.Doc();
		const id = prompt(phone, 'typed on the train');
		expect(h.fake.requests).toHaveLength(0);
		h.fake.script(textReply('Welcome back'));
		link(phone, h.doc);
		await settled(h, id, phone);
		expect(reply(h, id, phone)?.text).toBe('Welcome back');
	});

	it('does not run a prompt that reaches the server after another device ended the session', async () => {
		h = await harness({ model: 'claude-opus-5-5' });
		updateSession(h.host.doc(TENANT, 'index'), h.sessionId, { status: 'ended' });
		const late = prompt(h.doc, 'typed offline before the session ended');
		await settled(h, late);
		const notice = h.messages().find((m) => m.meta.replyTo === late);
		expect(notice).toMatchObject({ kind: 'system', text: expect.stringContaining('had ended') });
		expect(h.fake.requests).toHaveLength(0);
	});

	it('runs a prompt sent twice with the same id once', async () => {
		h = await harness();
		const id = newId();
		// The device sent, lost the connection, and sent again: two copies of one prompt reach the server.
		const first = new Y.Doc();
		const second = new Y.Doc();
		prompt(first, 'only once', id);
		prompt(second, 'only once', id);
		Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(first));
		Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(first));
		Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(second));
		await until(h.doc, () => h.messages().filter((m) => m.id === id).every((m) => m.state === 'done') && reply(h, id)?.state === 'done', 'both copies settled');
		expect(h.fake.requests).toHaveLength(1);
		expect(h.messages().filter((m) => m.kind === 'assistant')).toHaveLength(1);
	});

	it('runs two queued prompts one at a time, in order, the second seeing the first', async () => {
		h = await harness();
		h.fake.script(textReply('first answer', { delayMs: 5, chunkChars: 2 }), textReply('second answer'));
		const a = prompt(h.doc, 'one');
		const b = prompt(h.doc, 'two');
		await until(h.doc, () => reply(h, a)?.text.length, 'first reply streaming');
		expect(h.fake.requests).toHaveLength(1);
		expect(h.messages().find((m) => m.id === b)?.state).toBe('queued');
		await settled(h, b);
		const order = h.messages().filter((m) => m.kind === 'assistant').map((m) => [m.meta.replyTo, m.text]);
		expect(order).toEqual([[a, 'first answer'], [b, 'second answer']]);
		expect((h.fake.requests[1].body as { messages: unknown[] }).messages).toEqual([
			{ role: 'user', content: [{ type: 'text', text: 'one' }] },
			{ role: 'assistant', content: [{ type: 'text', text: 'first answer' }] },
			{ role: 'user', content: [{ type: 'text', text: 'two' }] }
		]);
	});

	it('marks the session pending while prompts wait, and lets go of the document after', async () => {
		h = await harness();
		h.fake.script(textReply('slow', { delayMs: 20, chunkChars: 1 }));
		const id = prompt(h.doc, 'go');
		await until(h.doc, () => reply(h, id), 'reply started');
		expect(await h.work.listPending()).toEqual([{ tenant: TENANT, doc: h.name }]);
		expect(h.host.holds(TENANT, h.name)).toBe(1);
		await settled(h, id);
		await h.runner.settled();
		expect(await h.work.listPending()).toEqual([]);
		expect(h.host.holds(TENANT, h.name)).toBe(0);
	});
});

describe('runner: tools', () => {
	it('records tool calls and results, and sends them back as paired blocks', async () => {
		const calls: unknown[] = [];
		const tools: ToolHost = {
			definitions: () => [{ name: 'read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
			run: async (call) => {
				calls.push(call.input);
				return { content: 'line 1\nline 2', isError: false };
			}
		};
		h = await harness({ tools });
		h.fake.script(
			{ type: 'message', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'notes.txt' } }] },
			textReply('It has two lines.')
		);
		const id = prompt(h.doc, 'What is in notes.txt?');
		await settled(h, id);
		expect(calls).toEqual([{ path: 'notes.txt' }]);
		const turn = h.messages().filter((m) => m.meta.replyTo === id).map((m) => [m.kind, m.state, m.text]);
		expect(turn).toEqual([
			['assistant', 'done', 'Let me look.'],
			['tool_call', 'done', ''],
			['tool_result', 'done', 'line 1\nline 2'],
			['assistant', 'done', 'It has two lines.']
		]);
		expect(h.messages().find((m) => m.kind === 'tool_call')?.meta).toMatchObject({ toolName: 'read', toolUseId: 'toolu_1', toolInput: { path: 'notes.txt' } });
		const second = h.fake.requests[1].body as { messages: unknown[]; tools: unknown[] };
		expect(second.tools).toHaveLength(1);
		expect(second.messages.slice(1)).toEqual([
			{ role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'notes.txt' } }] },
			{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', is_error: false, content: 'line 1\nline 2' }] }
		]);
	});
});

describe('runner: tool limits and failures', () => {
	const toolUse = (id: string) => ({ type: 'message' as const, content: [{ type: 'tool_use' as const, id, name: 'read', input: { path: 'x' } }] });

	it('reports a tool that throws to Claude as an error result, and goes on', async () => {
		const tools: ToolHost = {
			definitions: () => [{ name: 'read', input_schema: { type: 'object' } }],
			run: async () => {
				throw new Error('disk on fire');
			}
		};
		h = await harness({ tools });
		h.fake.script(toolUse('toolu_a'), textReply('Sorry, the read failed.'));
		const id = prompt(h.doc, 'read x');
		await settled(h, id);
		expect(h.messages().find((m) => m.kind === 'tool_result')).toMatchObject({ state: 'done', text: expect.stringContaining('disk on fire'), meta: { isError: true } });
		expect(reply(h, id)?.text).toBe('');
		expect(h.messages().filter((m) => m.kind === 'assistant').at(-1)?.text).toBe('Sorry, the read failed.');
	});

	it('stops asking after the most tool rounds a turn may have, and says so', async () => {
		const tools: ToolHost = { definitions: () => [{ name: 'read', input_schema: { type: 'object' } }], run: async () => ({ content: 'ok', isError: false }) };
		h = await harness({ tools, config: { maxToolRounds: 2 } });
		h.fake.script(toolUse('toolu_1'), toolUse('toolu_2'), textReply('never asked'));
		const id = prompt(h.doc, 'loop');
		await settled(h, id);
		expect(h.fake.requests).toHaveLength(2);
		expect(h.messages().find((m) => m.kind === 'system')?.text).toMatch(/used tools 2 times/);
	});
});

describe('runner: demo model', () => {
	it('answers without an API key through the same path, saying how to set one', async () => {
		const upstream = await createUpstream({ apiKey: undefined, demo: { delayMs: 0 } });
		expect(upstream.demo).toBe(true);
		const host = new MemoryHost();
		const runner = createRunner({ host, work: memoryWorkList(), client: upstream.client, config: { flushMs: 10 } });
		await runner.start();
		const sessionId = newId();
		const doc = host.doc(TENANT, `session/${sessionId}`);
		const id = newId();
		appendMessage(doc, { id, kind: 'user', text: 'What is this?', state: 'queued', createdAt: 1, meta: {} });
		const answer = await until(doc, () => listMessages(doc, sessionId).find((m) => m.kind === 'assistant' && m.state === 'done'), 'demo reply');
		expect(answer.text).toContain('ANTHROPIC_API_KEY');
		await runner.stop();
		await upstream.close();
	});
});
