// Two devices, each with its own IndexedDB (fake-indexeddb), documents and mirror, synced through the
// real server by the client's own remote module: what one device writes shows up in the other's tables.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { VIEWING_FIELD } from '../../src/lib/core/push';
import { createSessionActions } from '../../src/lib/docs/actions';
import { createLocalDocs, type LocalDocs } from '../../src/lib/docs/local';
import { latestMessages } from '../../src/lib/db/messages';
import { openDb } from '../../src/lib/db/schema';
import { allSessions } from '../../src/lib/db/sessions';
import { startPool } from '../../src/lib/sync/pool';
import { attachRemote, type Remote } from '../../src/lib/sync/remote';
import { describeStatus } from '../../src/lib/sync/status';
import { sessionsMap } from '../../src/lib/core/ydoc';
import { eventually } from '../helpers/yclient';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';

interface Device {
	docs: LocalDocs;
	remote: Remote;
	actions: ReturnType<typeof createSessionActions>;
	close(): void;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<TestServer> {
	const s = await startTestServer();
	cleanups.push(() => s.close());
	return s;
}

async function device(s: TestServer, token: string = TOKENS.alpha, onRefused?: (code: number) => void): Promise<Device> {
	const docs = createLocalDocs(openDb(`device-${newId()}`), { mirrorDelayMs: 1 });
	const remote = attachRemote(docs.registry, {
		url: s.syncUrl,
		token,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		onRefused
	});
	const storage = new Map<string, string>();
	const pool = startPool(docs, await docs.start(), remote, {
		storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) }
	});
	const close = () => {
		pool.close();
		remote.close();
		docs.close();
		docs.db.close();
	};
	cleanups.push(close);
	return { docs, remote, actions: createSessionActions(docs), close };
}

const titles = async (d: Device) => (await allSessions(d.docs.db)).map((s) => s.title).sort();
const texts = async (d: Device, id: string) => (await latestMessages(d.docs.db, id, 100)).map((m) => m.text);

describe('a change the server refuses', () => {
	it('stops that document only, says so in the status, and keeps the device signed in', async () => {
		const s = await server();
		const refusals: number[] = [];
		const a = await device(s, TOKENS.alpha, (code) => refusals.push(code));
		const created = await a.actions.createSession('Kept');
		if (!created.ok) throw new Error(created.error);
		await eventually(() => a.remote.status().state === 'online');
		const index = await a.docs.index();
		sessionsMap(index).set(created.value.id, 'broken' as never);
		await eventually(() => a.remote.status().rejected === 1);
		expect(describeStatus(a.remote.status())).toContain('the server refused a change made here');
		expect(refusals).toEqual([]);
		const b = await device(s);
		await eventually(async () => (await titles(b)).includes('Kept'));
	});
});

describe('two devices through the server', () => {
	it('a session and a prompt made on one device appear on the other, both directions', async () => {
		const s = await server();
		const a = await device(s);
		const b = await device(s);
		const created = await a.actions.createSession('Shared');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		await a.actions.sendPrompt(id, 'from A');
		await eventually(async () => (await titles(b)).includes('Shared'));
		await b.docs.registry.open(sessionDocName(id));
		await eventually(async () => (await texts(b, id)).includes('from A'));
		await b.actions.sendPrompt(id, 'from B');
		await eventually(async () => (await texts(a, id)).join('|') === 'from A|from B');
		expect(a.remote.status().state).toBe('online');
	});

	it('changes made while apart merge on reconnect, with the pending count shown meanwhile', async () => {
		const s = await server();
		const a = await device(s);
		const b = await device(s);
		const created = await a.actions.createSession('Apart');
		if (!created.ok) throw new Error(created.error);
		const id = created.value.id;
		await a.docs.registry.open(sessionDocName(id));
		await b.docs.registry.open(sessionDocName(id));
		await eventually(async () => (await titles(b)).includes('Apart'));
		await eventually(() => a.remote.status().state === 'online' && b.remote.status().state === 'online');

		b.remote.setNetwork(false);
		await b.actions.sendPrompt(id, 'written offline on B');
		await a.actions.sendPrompt(id, 'written online on A');
		expect(b.remote.status()).toMatchObject({ state: 'offline', reason: 'no-network' });
		expect(b.remote.status().pending).toBeGreaterThan(0);

		b.remote.setNetwork(true);
		const both = ['written offline on B', 'written online on A'];
		for (const d of [a, b]) await eventually(async () => both.every((t) => texts(d, id).then((x) => x.includes(t))));
		await eventually(async () => (await texts(a, id)).join('|') === (await texts(b, id)).join('|'));
		await eventually(() => b.remote.status().state === 'online');
		expect(b.remote.status().pending).toBe(0);
	});

	it('a new device catches up on every session, never holding more than the pool of sockets open', async () => {
		const s = await server();
		const a = await device(s);
		const ids: string[] = [];
		for (let i = 0; i < 8; i++) {
			const created = await a.actions.createSession(`S${i}`);
			if (!created.ok) throw new Error(created.error);
			await a.actions.sendPrompt(created.value.id, `prompt ${i}`);
			ids.push(created.value.id);
		}
		await eventually(() => a.remote.status().state === 'online');
		const b = await device(s);
		let mostOpen = 0;
		const watch = setInterval(() => (mostOpen = Math.max(mostOpen, b.docs.registry.openNames().length)), 1);
		await eventually(async () => (await Promise.all(ids.map((id) => texts(b, id)))).every((t) => t.length === 1));
		clearInterval(watch);
		expect((await Promise.all(ids.map((id) => texts(b, id)))).flat().sort()).toEqual(ids.map((_, i) => `prompt ${i}`).sort());
		expect(mostOpen).toBeGreaterThan(1);
		expect(mostOpen).toBeLessThanOrEqual(1 + 3);
	});

	it("another tenant's device sees none of it", async () => {
		const s = await server();
		const a = await device(s, TOKENS.alpha);
		const other = await device(s, TOKENS.beta);
		await a.actions.createSession('Private to alpha');
		await eventually(() => other.remote.status().state === 'online');
		await other.actions.createSession('Beta only');
		await eventually(async () => (await titles(a)).includes('Private to alpha'));
		const fresh = await device(s, TOKENS.beta);
		await eventually(async () => (await titles(fresh)).includes('Beta only'));
		expect(await titles(fresh)).toEqual(['Beta only']);
	});
});

describe('the session on screen', () => {
	const viewers = (s: TestServer, name: string) =>
		[...(s.registry.peek('alpha', name)?.awareness.getStates().values() ?? [])].filter((state) => state[VIEWING_FIELD] === true).length;

	it('is announced to the server while shown, also when its document opens after, and withdrawn when hidden', async () => {
		const s = await server();
		const a = await device(s);
		const created = await a.actions.createSession('Watched');
		if (!created.ok) throw new Error(created.error);
		const name = sessionDocName(created.value.id);
		a.remote.setViewing(name);
		await a.docs.registry.open(name);
		await eventually(() => viewers(s, name) === 1);
		a.remote.setViewing(null);
		await eventually(() => viewers(s, name) === 0);
		a.remote.setViewing(name);
		await eventually(() => viewers(s, name) === 1);
	});
});
