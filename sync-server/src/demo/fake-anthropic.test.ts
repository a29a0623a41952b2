import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from './fake-anthropic';
import { textReply } from './script';

let fake: FakeAnthropic;
let client: Anthropic;
const KEY = 'sk-test';
const base = { model: 'claude-sonnet-5-5', max_tokens: 100 };
const hello = [{ role: 'user' as const, content: 'Hello' }];

beforeEach(async () => {
	fake = await startFakeAnthropic({ apiKey: KEY });
	client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.close());

const post = (headers: Record<string, string>, body: unknown) =>
	fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('fake Anthropic server: streaming', () => {
	it('streams text as the SDK expects, with request-id and the SSE content type', async () => {
		fake.script(textReply('Hello there, friend', { chunkChars: 5 }));
		const stream = client.messages.stream({ ...base, messages: hello });
		const deltas: string[] = [];
		stream.on('text', (d) => deltas.push(d));
		const { response } = await stream.withResponse();
		const final = await stream.finalMessage();
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(response.headers.get('request-id')).toMatch(/^req_/);
		expect(deltas).toEqual(['Hello', ' ther', 'e, fr', 'iend']);
		expect(final).toMatchObject({ role: 'assistant', model: base.model, stop_reason: 'end_turn', content: [{ type: 'text', text: 'Hello there, friend' }] });
		expect(final.usage.input_tokens).toBeGreaterThan(0);
		expect(fake.requests[0].sent.map((s) => s.text).join('')).toBe('Hello there, friend');
	});

	it('streams tool use as input_json_delta and ends with stop_reason tool_use', async () => {
		fake.script({ type: 'message', content: [{ type: 'text', text: 'Looking.' }, { type: 'tool_use', name: 'read', input: { path: 'a.txt', limit: 10 } }] });
		const final = await client.messages.stream({ ...base, messages: hello }).finalMessage();
		expect(final.stop_reason).toBe('tool_use');
		expect(final.content[1]).toMatchObject({ type: 'tool_use', name: 'read', input: { path: 'a.txt', limit: 10 } });
	});

	it('answers without streaming too', async () => {
		fake.script(textReply('Plain'));
		const message = await client.messages.create({ ...base, messages: hello });
		expect(message.content).toEqual([{ type: 'text', text: 'Plain' }]);
	});

	it('sends a mid-stream error event that the SDK raises', async () => {
		fake.script(textReply('Partial answer', { end: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
		await expect(client.messages.stream({ ...base, messages: hello }).finalMessage()).rejects.toMatchObject({ type: 'overloaded_error' });
	});

	it('sees the client hang up mid-stream', async () => {
		fake.script(textReply('x'.repeat(200), { delayMs: 5 }));
		const stream = client.messages.stream({ ...base, messages: hello });
		stream.once('text', () => stream.abort());
		await expect(stream.finalMessage()).rejects.toThrow();
		expect(await fake.requests[0].ended).toBe('client-closed');
	});
});

describe('fake Anthropic server: errors and checks', () => {
	it.each([400, 401, 403, 404, 413, 429, 500, 529])('answers a scripted %i with the API error shape', async (status) => {
		fake.script({ type: 'error', status, retryAfterSeconds: 3 });
		const res = await post({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01' }, { ...base, messages: hello });
		expect(res.status).toBe(status);
		expect(res.headers.get('retry-after')).toBe('3');
		const body = await res.json();
		expect(body).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) }, request_id: res.headers.get('request-id') });
	});

	it('accepts the key as Bearer (SDK 1.x) or x-api-key, and records it', async () => {
		await client.messages.create({ ...base, messages: hello });
		expect(fake.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(fake.requests[0].headers['anthropic-version']).toBeTruthy();
		const res = await post({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01' }, { ...base, messages: hello });
		expect(res.status).toBe(200);
	});

	it('refuses a missing or wrong key with 401 authentication_error', async () => {
		const none = await post({ 'anthropic-version': '2023-06-01' }, { ...base, messages: hello });
		expect(none.status).toBe(401);
		const wrong = new Anthropic({ apiKey: 'sk-wrong', baseURL: fake.url, maxRetries: 0 });
		await expect(wrong.messages.create({ ...base, messages: hello })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
	});

	it('requires anthropic-version', async () => {
		const res = await post({ 'x-api-key': KEY }, { ...base, messages: hello });
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toMatch(/anthropic-version/);
	});

	it('combines consecutive messages of one role into one turn, as the API does', async () => {
		const reply = await client.messages.create({ ...base, messages: [...hello, ...hello] });
		expect(reply.type).toBe('message');
	});

	it.each([
		['no model', { max_tokens: 10, messages: hello }, /model/],
		['no max_tokens', { model: 'm', messages: hello }, /max_tokens/],
		['no messages', { ...base, messages: [] }, /at least one message/],
		['assistant first', { ...base, messages: [{ role: 'assistant', content: 'hi' }] }, /first message/],
		['empty text', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: ' ' }] }] }, /non-whitespace/],
		['orphan tool result', { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'x' }] }] }, /unexpected `tool_use_id`/],
		[
			'unanswered tool use',
			{ ...base, messages: [...hello, { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read', input: {} }] }, { role: 'user', content: 'go on' }] },
			/without `tool_result`/
		]
	])('refuses a malformed request (%s) with the real 400 shape', async (_name, body, pattern) => {
		const error = await client.messages.create(body as never).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Anthropic.BadRequestError);
		expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
		expect((error as Error).message).toMatch(pattern);
	});

	it('accepts a well-formed tool round trip', async () => {
		const messages = [
			...hello,
			{ role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 't1', name: 'read', input: {} }] },
			{ role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 't1', content: 'file text' }] }
		];
		await expect(client.messages.create({ ...base, messages })).resolves.toBeTruthy();
	});

	it('answers a too-large body with 413 request_too_large', async () => {
		const small = await startFakeAnthropic({ maxBodyBytes: 100 });
		const res = await fetch(`${small.url}/v1/messages`, {
			method: 'POST',
			headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
			body: JSON.stringify({ ...base, messages: [{ role: 'user', content: 'x'.repeat(500) }] })
		});
		expect(res.status).toBe(413);
		expect((await res.json()).error.type).toBe('request_too_large');
		await small.close();
	});
});
