// GET /api/sessions/:id/tail: a session's newest messages for a device that has not synced it yet,
// read from the stored document of the caller's tenant only, with clear refusals for bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/lib/core/model';
import { TailSchema } from '../../src/lib/core/tail';
import { manyMessages, newSession, sessionUpdate } from '../e2e/seed';
import { seedOnServer } from '../helpers/server-seed';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';

let server: TestServer;
let session: Session;
const COUNT = 12;

beforeAll(async () => {
	server = await startTestServer();
	session = newSession('Twelve');
	await seedOnServer(server.syncUrl, TOKENS.alpha, session, sessionUpdate(manyMessages(COUNT)));
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
		for (const limit of ['0', '501', '2.5', 'ten', '']) {
			const answer = await refusal(await tail(session.id, `?limit=${limit}`));
			expect(answer, limit).toMatchObject({ status: 400, reason: 'invalid-limit' });
			expect(answer.message).toMatch(/1 to 500/);
		}
	});

	it('answers only a signed-in device', async () => {
		const res = await tail(session.id, '', null);
		expect(res.status).toBe(401);
	});
});
