// Web Push end to end on a real server: a local HTTPS push endpoint receives an encrypted notice when a
// turn waits for approval or finishes while no device shows the session, and none while one does; the
// payload names only the session unless the device opted in to message text; a subscription the push
// service calls gone (410) is dropped; Approve from a notification answers through the API. Endpoints off
// the allowed push services (PUSH_SERVICES, here naming only the local endpoint) are refused when a device
// subscribes, and a stored one is dropped unsent; a failed push is logged without the service's answer.
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import { pendingApprovals } from '../../src/lib/core/approvals';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { VIEWING_FIELD, type PushPayload } from '../../src/lib/core/push';
import { answerApproval } from '../../src/lib/core/approvals';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { DEFAULTS, parseConfig, type ServerConfig } from '../../sync-server/src/config';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { runnerService, workspaceToolHost } from '../../sync-server/src/runner/index';
import { MAX_SUBSCRIPTIONS_PER_TENANT } from '../../sync-server/src/push/routes';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { startPushEndpoint, subscriber, type PushEndpoint, type Subscriber } from '../helpers/push-endpoint';
import { connectDevice, synced, until, type Device } from '../helpers/yclient';
import { KEY, prompt } from './runner-harness';

const TENANT = 'alpha';
const TOKEN = 'alpha-token-0123456789';
const log = pino({ level: 'silent' });

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
	cleanups = [];
});

const runner = () => runnerService({ tools: ({ host, config }) => workspaceToolHost({ dataDir: config.dataDir, roots: [], shell: null, host }) });

/** The server's push services: only the local endpoint, as an operator would write PUSH_SERVICES. */
function onlyThe(endpoint: PushEndpoint): ServerConfig['pushServices'] {
	const parsed = parseConfig({ PUSH_SERVICES: new URL(endpoint.origin).host });
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.config.pushServices;
}

async function setUp(serverLog = log): Promise<{ server: RunningServer; fake: FakeAnthropic; endpoint: PushEndpoint; config: ServerConfig }> {
	const fake = await startFakeAnthropic({ apiKey: KEY });
	const endpoint = await startPushEndpoint();
	const dataDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'push-')));
	cleanups.push(() => fake.close(), () => endpoint.close(), () => rm(dataDir, { recursive: true, force: true }));
	const config: ServerConfig = {
		...DEFAULTS,
		port: 0,
		dataDir,
		authTokens: [{ tenant: TENANT, token: TOKEN }],
		anthropic: { apiKey: KEY, baseUrl: fake.url, model: undefined },
		pushServices: onlyThe(endpoint)
	};
	const server = await startServer(config, serverLog, { services: [runner()], pushAgent: endpoint.agent });
	cleanups.push(() => server.close());
	return { server, fake, endpoint, config };
}

const api = (server: RunningServer, method: string, route: string, body?: unknown) =>
	fetch(`${server.origin}${route}`, {
		method,
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

/** Resolves once the server's copy of the session's awareness says whether a device shows it. */
function serverSees(awareness: Awareness, viewing: boolean): Promise<void> {
	const shows = () => [...awareness.getStates().values()].some((s) => s[VIEWING_FIELD] === true) === viewing;
	if (shows()) return Promise.resolve();
	return new Promise((resolve) => {
		const check = () => shows() && (awareness.off('change', check), resolve());
		awareness.on('change', check);
	});
}

async function subscribe(server: RunningServer, endpoint: PushEndpoint, name: string, includeText: boolean): Promise<Subscriber> {
	const sub = subscriber(`${endpoint.origin}/${name}`);
	const response = await api(server, 'PUT', '/api/push/subscription', { subscription: sub.subscription, includeText });
	expect(response.status).toBe(200);
	return sub;
}

describe('Web Push', () => {
	it('notifies subscribed devices only while no device shows the session, and drops an expired subscription', async () => {
		const { server, fake, endpoint } = await setUp();
		const keyResponse = await api(server, 'GET', '/api/push/key');
		const { publicKey } = (await keyResponse.json()) as { publicKey: string };
		expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

		const phone = await subscribe(server, endpoint, 'phone', false);
		const tablet = await subscribe(server, endpoint, 'tablet', true);
		await subscribe(server, endpoint, 'gone', false);
		endpoint.answer('/gone', 410);

		const sessionId = newId();
		const index = await server.registry.open(TENANT, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Refactor the parser', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5' });
		index.release();
		const name = sessionDocName(sessionId);
		const desktop: Device = connectDevice(`${server.origin.replace(/^http/, 'ws')}/sync`, name, TOKEN);
		cleanups.push(() => desktop.destroy());
		await synced(desktop.provider);
		desktop.provider.awareness.setLocalStateField(VIEWING_FIELD, true);
		const awareness = server.registry.peek(TENANT, name)!.awareness;
		await serverSees(awareness, true);

		// On screen: the approval and the finished turn are seen there, so nothing is pushed.
		fake.script(toolUse({ id: 'toolu_1', name: 'write', input: { path: 'a.py', content: 'a\n' } }), textReply('Wrote a.py.'));
		const first = prompt(desktop.doc, 'Write a.py');
		await until(desktop.doc, () => pendingApprovals(listMessages(desktop.doc, sessionId)).length > 0);
		answerApproval(desktop.doc, 'toolu_1', 'approve', 'Desktop');
		await until(desktop.doc, () => listMessages(desktop.doc, sessionId).some((m) => m.id === first && m.state === 'done'));

		// Looked away: the next approval reaches every subscription.
		desktop.provider.awareness.setLocalStateField(VIEWING_FIELD, false);
		await serverSees(awareness, false);
		fake.script(toolUse({ id: 'toolu_2', name: 'write', input: { path: 'foo.py', content: 'print(1)\n' } }), textReply('Done: foo.py written.'));
		prompt(desktop.doc, 'Write foo.py');
		const asked = await endpoint.received(3);
		expect(asked.map((d) => d.path).sort()).toEqual(['/gone', '/phone', '/tablet']);
		const delivery = (path: string) => asked.find((d) => d.path === path)!;
		expect(delivery('/phone').headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: '3600' });
		expect(delivery('/phone').headers.authorization).toContain(`k=${publicKey}`);
		const payload = (sub: Subscriber, path: string) => JSON.parse(sub.decrypt(delivery(path).body)) as PushPayload;
		expect(payload(phone, '/phone')).toEqual({
			title: 'Refactor the parser',
			body: 'Waiting for approval: write',
			tag: `session-${sessionId}`,
			url: `/?session=${sessionId}`,
			sessionId,
			toolUseId: 'toolu_2'
		});
		expect(payload(tablet, '/tablet').body).toBe('Waiting for approval: write foo.py');
		await server.push.notifier.settled();
		expect((await server.store.listPushSubscriptions(TENANT)).map((s) => s.endpoint)).toEqual([`${endpoint.origin}/phone`, `${endpoint.origin}/tablet`]);

		// Approve from the notification: through the API with the device's token; the turn finishes.
		expect((await api(server, 'POST', `/api/sessions/${sessionId}/approvals/toolu_2`, { answer: 'approve' })).status).toBe(200);
		const finished = (await endpoint.received(5)).slice(3);
		const body = (sub: Subscriber, path: string) => (JSON.parse(sub.decrypt(finished.find((d) => d.path === path)!.body)) as PushPayload).body;
		expect(body(phone, '/phone')).toBe('Turn finished');
		expect(body(tablet, '/tablet')).toBe('Turn finished\nDone: foo.py written.');
		expect(finished.map((d) => d.headers.urgency)).toEqual(['normal', 'normal']);
		expect((await api(server, 'POST', `/api/sessions/${sessionId}/approvals/toolu_2`, { answer: 'deny' })).status).toBe(409);
	});

	it('a push service that does not answer holds up neither the turn nor the other devices', async () => {
		const { server, fake, endpoint } = await setUp();
		await subscribe(server, endpoint, 'stuck', false);
		const phone = await subscribe(server, endpoint, 'phone', false);
		endpoint.hold('/stuck');
		const sessionId = newId();
		const index = await server.registry.open(TENANT, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Slow push', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5' });
		index.release();
		const session = await server.registry.open(TENANT, sessionDocName(sessionId));
		cleanups.push(() => session.release());
		fake.script(toolUse({ id: 'toolu_s', name: 'write', input: { path: 's.py', content: 's\n' } }), textReply('Wrote s.py.'));
		const id = prompt(session.doc, 'Write s.py');
		await endpoint.received(2);
		expect((await api(server, 'POST', `/api/sessions/${sessionId}/approvals/toolu_s`, { answer: 'approve' })).status).toBe(200);
		// The turn ends and the phone hears of it while the first push to the stuck service still waits.
		await until(session.doc, () => listMessages(session.doc, sessionId).some((m) => m.id === id && m.state === 'done'));
		const all = await endpoint.received(4);
		const last = all.filter((d) => d.path === '/phone').at(-1)!;
		expect((JSON.parse(phone.decrypt(last.body)) as PushPayload).body).toBe('Turn finished');
		endpoint.release('/stuck');
		await server.push.notifier.settled();
		expect((await server.store.listPushSubscriptions(TENANT)).length).toBe(2);
	});

	it('keeps its VAPID keys across restarts, a device unsubscribes, and an account holds a bounded number of subscriptions', async () => {
		const { server, endpoint, config } = await setUp();
		const key = async (s: RunningServer) => ((await (await api(s, 'GET', '/api/push/key')).json()) as { publicKey: string }).publicKey;
		const before = await key(server);
		const sub = await subscribe(server, endpoint, 'phone', false);
		await server.close();
		const again = await startServer({ ...config, port: 0 }, log);
		cleanups.push(() => again.close());
		expect(await key(again)).toBe(before);
		const removed = await api(again, 'DELETE', '/api/push/subscription', { endpoint: sub.subscription.endpoint });
		expect(await removed.json()).toEqual({ ok: true, removed: true });
		expect(await again.store.listPushSubscriptions(TENANT)).toEqual([]);
		expect((await api(again, 'PUT', '/api/push/subscription', { subscription: { ...sub.subscription, endpoint: 'http://127.0.0.1:9/x' } })).status).toBe(400);

		for (let n = 0; n < MAX_SUBSCRIPTIONS_PER_TENANT; n++) await subscribe(again, endpoint, `device-${n}`, false);
		const over = await api(again, 'PUT', '/api/push/subscription', { subscription: subscriber(`${endpoint.origin}/one-more`).subscription });
		expect(over.status).toBe(409);
		expect(((await over.json()) as { error: { reason: string } }).error.reason).toBe('too-many-subscriptions');
		// Over the bound a new endpoint is refused (the one removed above too); one already held may still change its choice.
		expect((await api(again, 'PUT', '/api/push/subscription', { subscription: sub.subscription, includeText: true })).status).toBe(409);
		const existing = subscriber(`${endpoint.origin}/device-0`).subscription;
		expect((await api(again, 'PUT', '/api/push/subscription', { subscription: existing, includeText: true })).status).toBe(200);
	});

	it('refuses endpoints off the allowed push services, and drops a stored one without posting to it', async () => {
		const { server, fake, endpoint } = await setUp();
		const port = new URL(endpoint.origin).port;
		const hostile = [
			`https://127.0.0.1:${Number(port) + 1}/ssrf`,
			'https://127.0.0.1:4443/ssrf',
			'https://169.254.169.254/latest/meta-data',
			`https://localhost:${port}/health`,
			'https://fcm.googleapis.com.evil/x',
			`http://127.0.0.1:${port}/plain`
		];
		for (const url of hostile) {
			const response = await api(server, 'PUT', '/api/push/subscription', { subscription: subscriber(url).subscription });
			expect(response.status, url).toBe(400);
			const { error } = (await response.json()) as { error: { reason: string; message: string } };
			expect(error.reason, url).toBe(url.startsWith('http:') ? 'invalid-body' : 'push-service-not-allowed');
		}
		const refused = await api(server, 'PUT', '/api/push/subscription', { subscription: subscriber(hostile[2]).subscription });
		expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(`127.0.0.1:${port}`);
		expect(await server.store.listPushSubscriptions(TENANT)).toEqual([]);

		// A row stored before the list (or before the operator narrowed it): same listener, a name it does not allow.
		const stale = `https://localhost:${port}/stale`;
		await server.store.putPushSubscription({ endpoint: stale, tenant: TENANT, deviceId: 'old-device', ...subscriber(stale).subscription.keys, includeText: false, createdAt: 1 });
		await subscribe(server, endpoint, 'phone', false);
		const sessionId = newId();
		const index = await server.registry.open(TENANT, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Allowed only', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5' });
		index.release();
		const session = await server.registry.open(TENANT, sessionDocName(sessionId));
		cleanups.push(() => session.release());
		fake.script(textReply('Hello.'));
		prompt(session.doc, 'Say hello');
		await endpoint.received(1);
		await server.push.notifier.settled();
		expect(endpoint.deliveries.map((d) => d.path)).toEqual(['/phone']);
		expect((await server.store.listPushSubscriptions(TENANT)).map((s) => s.endpoint)).toEqual([`${endpoint.origin}/phone`]);
	});

	it('logs a failed push by host and status or error code, never the push service\'s body or certificate', async () => {
		const lines: string[] = [];
		const failures: Array<Record<string, unknown>> = [];
		let wake = () => {};
		const capture = () =>
			pino({ level: 'info' }, {
				write(line: string) {
					lines.push(line);
					const entry = JSON.parse(line) as Record<string, unknown>;
					if (entry.msg === 'push notification not delivered') (failures.push(entry), wake());
				}
			});
		const failed = (count: number) => new Promise<void>((resolve) => ((wake = () => failures.length >= count && resolve()), wake()));
		const { server, fake, endpoint, config } = await setUp(capture());
		await subscribe(server, endpoint, 'broken', false);
		endpoint.answer('/broken', 500, 'internal page: admin panel at 10.0.0.7');
		const sessionId = newId();
		const index = await server.registry.open(TENANT, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Failing push', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5' });
		index.release();
		const session = await server.registry.open(TENANT, sessionDocName(sessionId));
		fake.script(textReply('First.'));
		prompt(session.doc, 'Say one thing');
		await failed(1);
		session.release();
		await server.close();

		// Again without trusting the endpoint's certificate: the TLS failure is told by its code alone.
		const untrusting = await startServer({ ...config, port: 0 }, capture(), { services: [runner()] });
		cleanups.push(() => untrusting.close());
		const again = await untrusting.registry.open(TENANT, sessionDocName(sessionId));
		cleanups.push(() => again.release());
		fake.script(textReply('Second.'));
		prompt(again.doc, 'Say another');
		await failed(2);
		const host = new URL(endpoint.origin).host;
		expect(failures.map(({ host, status, code }) => ({ host, status, code }))).toEqual([
			{ host, status: 500, code: undefined },
			{ host, status: undefined, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }
		]);
		expect(lines.join('\n')).not.toMatch(/admin panel|BEGIN CERTIFICATE|fingerprint|"raw"|"cert"/);
	});
});
