// Failures of the Claude API become clear error messages in the session, and the queue goes on.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/lib/core/model';
import { textReply } from '../../sync-server/src/demo/script';
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import { harness, KEY, memoryLog, prompt, until, type Harness } from './runner-harness';

let h: Harness;
afterEach(() => h?.close());

/** Runs one prompt against the scripted replies and returns its turn's messages once it is done. */
async function turn(h: Harness, ...replies: ScriptedReply[]): Promise<{ assistant?: Message; error?: Message; all: Message[] }> {
	h.fake.script(...replies);
	const id = prompt(h.doc, 'Please help');
	await until(h.doc, () => h.messages().find((m) => m.id === id && m.state === 'done'), 'prompt done');
	const all = h.messages().filter((m) => m.meta.replyTo === id);
	return { all, assistant: all.find((m) => m.kind === 'assistant'), error: all.find((m) => m.kind === 'error') };
}

describe('runner: HTTP errors from the API', () => {
	it('401: says the key was refused and what to do, and the queue goes on', async () => {
		h = await harness({ maxRetries: 0 });
		const { error, assistant } = await turn(h, { type: 'error', status: 401, message: 'invalid x-api-key' });
		expect(assistant).toBeUndefined();
		expect(error?.meta.error).toMatchObject({ reason: 'key-refused', status: 401, retryable: false });
		expect(error?.text).toMatch(/refused the server’s API key.*ANTHROPIC_API_KEY/);
		const next = await turn(h, textReply('Back in business'));
		expect(next.assistant?.text).toBe('Back in business');
	});

	it('400: passes on the API’s own message', async () => {
		h = await harness({ maxRetries: 0 });
		const { error } = await turn(h, { type: 'error', status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' });
		expect(error?.meta.error).toMatchObject({ reason: 'request-invalid', status: 400 });
		expect(error?.text).toContain('prompt is too long: 210000 tokens > 200000 maximum');
	});

	it('403 and 413: permission and size, not retried', async () => {
		h = await harness({ maxRetries: 2 });
		expect((await turn(h, { type: 'error', status: 403 })).error?.meta.error?.reason).toBe('permission-denied');
		expect((await turn(h, { type: 'error', status: 413 })).error?.meta.error?.reason).toBe('request-too-large');
		expect(h.fake.requests).toHaveLength(2);
	});

	it('529 then success: the SDK retries, honouring retry-after, and the reply arrives', async () => {
		h = await harness({ maxRetries: 2 });
		const { assistant, error } = await turn(h, { type: 'error', status: 529, retryAfterSeconds: 0.01 }, textReply('Made it'));
		expect(error).toBeUndefined();
		expect(assistant).toMatchObject({ state: 'done', text: 'Made it' });
		expect(h.fake.requests).toHaveLength(2);
	});

	it.each([
		[529, 'overloaded', /overloaded/],
		[429, 'rate-limited', /rate limit/],
		[500, 'api-error', /internal error/]
	])('%i after the retries: reported as %s with a Retry hint', async (status, reason, wording) => {
		h = await harness({ maxRetries: 1 });
		const failing: ScriptedReply = { type: 'error', status, retryAfterSeconds: 0.01 };
		const { error } = await turn(h, failing, failing);
		expect(h.fake.requests).toHaveLength(2);
		expect(error?.meta.error).toMatchObject({ reason, status, retryable: true });
		expect(error?.text).toMatch(wording);
		expect(error?.text).toMatch(/Retry/);
	});

	it('logs the full error with an id that the session message carries', async () => {
		const { log, lines } = memoryLog();
		h = await harness({ maxRetries: 0, log });
		const { error } = await turn(h, { type: 'error', status: 401 });
		const logId = error?.meta.logId;
		expect(logId).toMatch(/^[0-9a-f]{12}$/);
		expect(error?.text).toContain(logId);
		const entry = lines.find((l) => l.logId === logId);
		expect(entry).toMatchObject({ level: 50, reason: 'key-refused', requestId: expect.stringMatching(/^req_/), err: { type: 'AuthenticationError' } });
		expect(error?.meta.requestId).toBe(entry?.requestId);
	});

	it('keeps the key and any credential an upstream echoes out of the session and the log, and cuts its text', async () => {
		// A gateway in ANTHROPIC_BASE_URL that echoes the request's headers in its error body.
		const echoed = JSON.stringify({ 'x-api-key': KEY, authorization: 'Bearer gw-7f3a9c1e5b', 'x-other': 'sk-ant-api03-OTHERsecret_123' });
		const { log, lines } = memoryLog();
		h = await harness({ maxRetries: 0, log, config: { secrets: [KEY] } });
		const { error } = await turn(h, { type: 'error', status: 400, message: `echo ${echoed} ${'padding '.repeat(200)}` });
		const stored = JSON.stringify(error);
		const logged = JSON.stringify(lines.find((l) => l.logId === error?.meta.logId));
		for (const secret of [KEY, 'gw-7f3a9c1e5b', 'sk-ant-api03-OTHERsecret_123']) {
			expect(stored).not.toContain(secret);
			expect(logged).not.toContain(secret);
		}
		expect(error?.text).toContain('echo {"x-api-key":"[redacted]","authorization":"[redacted]"');
		expect(error?.text.length).toBeLessThan(900);
		expect(logged).toContain('[redacted]');
	});
});

describe('runner: failures in the middle of a reply', () => {
	it('a mid-stream error event keeps the partial text and reports the error', async () => {
		h = await harness();
		const { assistant, error } = await turn(h, textReply('Half of the', { end: 'error', error: { type: 'api_error', message: 'Internal server error' } }));
		expect(assistant).toMatchObject({ state: 'error', text: 'Half of the' });
		expect(error?.meta.error).toMatchObject({ reason: 'stream-error' });
		expect(error?.text).toContain('Internal server error');
		expect(h.fake.requests).toHaveLength(1);
	});

	it('an overloaded error mid-stream is named as such', async () => {
		h = await harness();
		const { error } = await turn(h, textReply('Par', { end: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
		expect(error?.meta.error?.reason).toBe('overloaded');
	});

	it('a network cut mid-stream keeps what arrived and says the connection dropped', async () => {
		h = await harness();
		const { assistant, error } = await turn(h, textReply('Before the cut', { end: 'drop' }));
		expect(assistant).toMatchObject({ state: 'error', text: 'Before the cut' });
		expect(error?.meta.error).toMatchObject({ reason: 'connection-lost', retryable: true });
	});

	it('a connection refused before any answer is a network error after the retries', async () => {
		h = await harness({ maxRetries: 1 });
		const { error, assistant } = await turn(h, { type: 'drop' }, { type: 'drop' });
		expect(assistant).toBeUndefined();
		expect(error?.meta.error?.reason).toBe('network');
		expect(h.fake.requests).toHaveLength(2);
	});

	it('no answer within the request timeout is a timeout', async () => {
		h = await harness({ maxRetries: 0, config: { requestTimeoutMs: 200 } });
		const { error } = await turn(h, { type: 'hang' });
		expect(error?.meta.error).toMatchObject({ reason: 'timeout' });
		expect(await h.fake.requests[0].ended).toBe('client-closed');
	});

	it('a stream that goes silent is a timeout, with the partial text kept', async () => {
		h = await harness({ config: { idleTimeoutMs: 200 } });
		const { assistant, error } = await turn(h, textReply('Then nothing', { end: 'hang' }));
		expect(assistant).toMatchObject({ state: 'error', text: 'Then nothing' });
		expect(error?.meta.error).toMatchObject({ reason: 'timeout' });
		expect(error?.text).toMatch(/went silent/);
	});
});
