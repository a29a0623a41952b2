// GET /api/sessions/:id/tail: a session's newest messages for a device that has not synced it yet,
// read from the stored document of the caller's tenant only, with clear refusals for bad input.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/lib/core/model';
import { TAIL_BYTES, TailSchema } from '../../src/lib/core/tail';
import { requireAuth } from '../../sync-server/src/auth/middleware';
import type { AppEnv } from '../../sync-server/src/http/env';
import { TAILS_PER_TENANT, tailRoutes } from '../../sync-server/src/http/tail';
import { manyMessages, newSession, sessionUpdate } from '../e2e/seed';
import { seedOnServer } from '../helpers/server-seed';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';

let server: TestServer;
let session: Session;
const COUNT = 12;
/** 60 messages of 40 KB: 2.4 MB, far over what one answer holds. */
let long: Session;
const LONG_COUNT = 60;
const longText = (i: number) => `Long ${i + 1} ` + 'x'.repeat(40_000);
/** One message of 2 MB, the newest. */
let huge: Session;
const HUGE_TEXT = 'Start of a huge message. ' + 'é'.repeat(1_000_000);

beforeAll(async () => {
	server = await startTestServer();
	session = newSession('Twelve');
	long = newSession('Long');
	huge = newSession('Huge');
	await seedOnServer(server.syncUrl, TOKENS.alpha, session, sessionUpdate(manyMessages(COUNT)));
	const longMessages = manyMessages(LONG_COUNT).map((m, i) => ({ ...m, text: longText(i) }));
	await seedOnServer(server.syncUrl, TOKENS.alpha, long, sessionUpdate(longMessages));
	const hugeMessages = manyMessages(3).map((m, i) => (i === 2 ? { ...m, text: HUGE_TEXT } : m));
	await seedOnServer(server.syncUrl, TOKENS.alpha, huge, sessionUpdate(hugeMessages));
});
afterAll(() => server.close());

const tail = (id: string, query = '', token: string | null = TOKENS.alpha) =>
	fetch(`${server.origin}/api/sessions/${id}/tail${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function refusal(res: Response): Promise<{ status: number; reason: string; message: string }> {
	const body = (await res.json()) as { error: { reason: string; message: string } };
	return { status: res.status, ...body.error };
}

describe('session tail', () => {
	it('answers the newest messages in order, each with its position in the document', async () => {
		const res = await tail(session.id, '?limit=5');
		expect(res.status).toBe(200);
		const body = TailSchema.parse(await res.json());
		expect(body.total).toBe(COUNT);
		expect(body.messages.map((m) => m.seq)).toEqual([7, 8, 9, 10, 11]);
		expect(body.messages.map((m) => m.text.split('\n')[0])).toEqual(['Message 8', 'Message 9', 'Message 10', 'Message 11', 'Message 12']);
		expect(body.messages.every((m) => m.sessionId === session.id)).toBe(true);
	});

	it('answers a page of 100 by default, the whole session when it is shorter', async () => {
		const body = TailSchema.parse(await (await tail(session.id)).json());
		expect(body.messages.map((m) => m.seq)).toEqual([...Array(COUNT).keys()]);
	});

	it("refuses another tenant's session as not found, and the session stays unread", async () => {
		const res = await tail(session.id, '', TOKENS.beta);
		expect(await refusal(res)).toEqual({ status: 404, reason: 'session-not-found', message: 'No such session.' });
	});

	it('refuses a session its tenant does not have', async () => {
		expect((await refusal(await tail(newSession('Nowhere').id))).reason).toBe('session-not-found');
	});

	it('refuses a malformed id or limit with the reason', async () => {
		for (const id of ['x'.repeat(65), 'a%20b', 'a.b', '%C3%BC']) {
			const answer = await refusal(await tail(id));
			expect(answer, id).toMatchObject({ status: 400, reason: 'invalid-session-id' });
			expect(answer.message).toMatch(/session id/);
		}
		for (const limit of ['0', '501', '2.5', 'ten', '', '1e2', '0x10', '+5', ' 5', '1.0', '05', '-1', '9'.repeat(400)]) {
			const answer = await refusal(await tail(session.id, `?limit=${limit}`));
			expect(answer, limit).toMatchObject({ status: 400, reason: 'invalid-limit' });
			expect(answer.message).toMatch(/1 to 500/);
		}
	});

	it('answers as many of the newest messages as fit in its byte budget, in order', async () => {
		const res = await tail(long.id, '?limit=500');
		const raw = await res.text();
		expect(res.status).toBe(200);
		expect(Buffer.byteLength(raw)).toBeLessThan(TAIL_BYTES + 1024);
		const body = TailSchema.parse(JSON.parse(raw));
		expect(body.total).toBe(LONG_COUNT);
		const fit = body.messages.length;
		expect(fit).toBeGreaterThan(1);
		expect(fit).toBeLessThan(LONG_COUNT);
		expect(body.messages.map((m) => m.seq)).toEqual([...Array(fit).keys()].map((k) => LONG_COUNT - fit + k));
		expect(body.messages.map((m) => m.text)).toEqual(body.messages.map((m) => longText(m.seq)));
	});

	it("cuts a newest message over the budget, saying so, and sends none older", async () => {
		const res = await tail(huge.id);
		const raw = await res.text();
		expect(Buffer.byteLength(raw)).toBeLessThan(TAIL_BYTES + 1024);
		const { messages, total } = TailSchema.parse(JSON.parse(raw));
		expect(total).toBe(3);
		expect(messages).toHaveLength(1);
		const [only] = messages;
		expect(only.seq).toBe(2);
		const cut = only.text.match(/\n\n\[… (\d+) more characters: the whole message shows once the session has synced\]$/);
		expect(cut).not.toBeNull();
		const kept = only.text.slice(0, -cut![0].length);
		expect(HUGE_TEXT.startsWith(kept)).toBe(true);
		expect(kept.length + Number(cut![1])).toBe(HUGE_TEXT.length);
	});

	it('refuses a tenant more answers at once than its share until one has been sent, other tenants still served', async () => {
		// The route as the server mounts it, with node responses that have not finished sending (as for a
		// client that does not read); a real socket cannot show it, the system's buffers take a whole answer.
		const app = new Hono<AppEnv>().use('*', requireAuth(server.auth)).route('/', tailRoutes({ host: server.registry }));
		const ask = (outgoing: EventEmitter, token: string = TOKENS.alpha) =>
			app.request(`/${long.id}/tail`, { headers: { authorization: `Bearer ${token}` } }, { outgoing: outgoing as ServerResponse });
		const unsent = Array.from({ length: TAILS_PER_TENANT }, () => new EventEmitter());
		for (const outgoing of unsent) expect((await ask(outgoing)).status).toBe(200);
		const refused = await refusal(await ask(new EventEmitter()));
		expect(refused).toMatchObject({ status: 429, reason: 'too-many-tails' });
		expect(refused.message).toMatch(/through the sync/);
		expect((await ask(new EventEmitter(), TOKENS.beta)).status).toBe(404);
		unsent[0].emit('close');
		expect((await ask(new EventEmitter())).status).toBe(200);
	});

	it('holds no share for a client gone before its answer was built (closed during sign-in)', async () => {
		const app = new Hono<AppEnv>().use('*', requireAuth(server.auth)).route('/', tailRoutes({ host: server.registry }));
		const gone = () => Object.assign(new EventEmitter(), { destroyed: true });
		for (let n = 0; n <= TAILS_PER_TENANT; n++) {
			const res = await app.request(`/${long.id}/tail`, { headers: { authorization: `Bearer ${TOKENS.alpha}` } }, { outgoing: gone() as unknown as ServerResponse });
			expect(res.status).toBe(200);
		}
	});

	it('answers only a signed-in device', async () => {
		const res = await tail(session.id, '', null);
		expect(res.status).toBe(401);
	});
});
