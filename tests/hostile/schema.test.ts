// Reported: the server stored any structure. A string at `index.sessions[<id>]` emptied the session list
// on every device; a string in a session's `messages` left new prompts queued forever. Now a client's
// update that breaks the schema is refused (close 4422, which the device does not retry), the document
// keeps its last good state, and entries already stored broken are moved to the document's quarantine.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/core/ids';
import { appendMessage, listMessages, listSessions, messagesArray, putSession, sessionsMap } from '../../src/lib/core/ydoc';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { connectDevice, synced, until, withTimeout, type Device } from '../helpers/yclient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const session = (title: string) => ({ id: newId(), title, createdAt: 1, updatedAt: 1, status: 'active' as const, model: 'claude-test' });

function closedWith(device: Device): Promise<number> {
	return withTimeout(new Promise((resolve) => device.provider.once('closed', ({ code }: { code: number }) => resolve(code))), 10_000, 'not closed');
}

async function freshDevice(name: string, token: string = TOKENS.alpha): Promise<Device> {
	const device = connectDevice(server.syncUrl, name, token);
	await synced(device.provider);
	return device;
}

describe('updates that break the schema', () => {
	it('refuses a string at index.sessions[<id>], keeps every good session and tells the device', async () => {
		const writer = await freshDevice('index');
		putSession(writer.doc, session('Alpha'));
		putSession(writer.doc, session('Beta'));
		const reader = await freshDevice('index');
		await until(reader.doc, () => listSessions(reader.doc).length === 2);

		const refused = closedWith(writer);
		sessionsMap(writer.doc).set(listSessions(writer.doc)[0].id, 'not a session' as never);
		expect(await refused).toBe(4422);

		const later = await freshDevice('index');
		expect(listSessions(later.doc).map((s) => s.title).sort()).toEqual(['Alpha', 'Beta']);
		expect(listSessions(reader.doc)).toHaveLength(2);
		for (const device of [writer, reader, later]) device.destroy();
	});

	it('sets aside a string pushed into messages, restores a broken field, refuses a removal; the session goes on', async () => {
		const id = newId();
		const name = `session/${id}`;
		const writer = await freshDevice(name);
		appendMessage(writer.doc, { id: newId(), kind: 'user', text: 'hello', state: 'queued', createdAt: 1, meta: {} });
		await until(writer.doc, () => writer.provider.synced);

		const refused = closedWith(writer);
		messagesArray(writer.doc).push(['not a message' as never]);
		expect(await refused).toBe(4422);

		const breaker = await freshDevice(name);
		const broken = closedWith(breaker);
		messagesArray(breaker.doc).get(0).set('state', 'bogus');
		expect(await broken).toBe(4422);

		const remover = await freshDevice(name);
		await until(remover.doc, () => listMessages(remover.doc, id).length === 1);
		const removed = closedWith(remover);
		messagesArray(remover.doc).delete(0, 1);
		expect(await removed).toBe(4422);

		const later = await freshDevice(name);
		appendMessage(later.doc, { id: newId(), kind: 'user', text: 'next prompt', state: 'queued', createdAt: 2, meta: {} });
		const check = await freshDevice(name);
		await until(check.doc, () => listMessages(check.doc, id).length === 2);
		expect(messagesArray(check.doc).toArray().every((m) => m instanceof Y.Map)).toBe(true);
		expect(listMessages(check.doc, id).map((m) => [m.text, m.state])).toEqual([
			['hello', 'queued'],
			['next prompt', 'queued']
		]);
		for (const device of [writer, breaker, remover, later, check]) device.destroy();
	});

	it('quarantines broken entries a stored document already holds, keeping the good ones', async () => {
		const stored = new Y.Doc();
		putSession(stored, session('Good'));
		sessionsMap(stored).set('broken', 'a string' as never);
		await server.store.appendUpdates('beta', 'index', [Y.encodeStateAsUpdate(stored)]);
		const sessionId = newId();
		const storedSession = new Y.Doc();
		appendMessage(storedSession, { id: newId(), kind: 'user', text: 'kept', state: 'done', createdAt: 1, meta: {} });
		messagesArray(storedSession).push(['a string' as never]);
		await server.store.appendUpdates('beta', `session/${sessionId}`, [Y.encodeStateAsUpdate(storedSession)]);

		const index = await freshDevice('index', TOKENS.beta);
		expect(listSessions(index.doc).map((s) => s.title)).toEqual(['Good']);
		expect(sessionsMap(index.doc).has('broken')).toBe(false);
		expect(JSON.parse(index.doc.getMap<string>('quarantine').get('sessions/broken')!)).toBe('a string');

		const doc = await freshDevice(`session/${sessionId}`, TOKENS.beta);
		expect(listMessages(doc.doc, sessionId).map((m) => m.text)).toEqual(['kept']);
		expect(messagesArray(doc.doc).length).toBe(1);
		index.destroy();
		doc.destroy();
	});
});
