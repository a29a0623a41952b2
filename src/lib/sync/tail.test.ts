import { describe, expect, it } from 'vitest';
import { fetchTail } from './tail';

const message = (sessionId: string, seq: number) => ({
	id: `m${seq}`,
	sessionId,
	kind: 'assistant',
	text: '<img src=x onerror=alert(1)>',
	state: 'done',
	createdAt: 1,
	updatedAt: 1,
	meta: {},
	seq
});
const replying = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status });

describe('fetchTail', () => {
	it('keeps the valid messages of the session asked for', async () => {
		const result = await fetchTail('t', 's1', 100, replying(200, { messages: [message('s1', 4), message('s2', 5)], total: 6 }));
		expect(result).toMatchObject({ ok: true, value: [{ id: 'm4', seq: 4, sessionId: 's1' }] });
	});

	it('refuses a reply that does not match the schema', async () => {
		const result = await fetchTail('t', 's1', 100, replying(200, { messages: [{ ...message('s1', 1), kind: 'html' }], total: 1 }));
		expect(result).toMatchObject({ ok: false, reason: 'bad-reply' });
	});

	it("passes the server's refusal on", async () => {
		const result = await fetchTail('t', 's1', 100, replying(404, { error: { reason: 'session-not-found', message: 'No such session.' } }));
		expect(result).toEqual({ ok: false, reason: 'session-not-found', message: 'No such session.' });
	});
});
