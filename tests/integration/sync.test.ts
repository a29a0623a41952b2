// Two node WebsocketProviders (unmodified y-websocket) are two devices syncing through the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { connectDevice, synced, until, type Device } from '../helpers/yclient';

let server: TestServer;
let devices: Device[] = [];
const device = (name: string, token: string = TOKENS.alpha, doc?: Y.Doc) => {
	const d = connectDevice(server.syncUrl, name, token, doc);
	devices.push(d);
	return d;
};

beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	devices.forEach((d) => d.destroy());
	devices = [];
	await server.close();
});

describe('sync between devices', () => {
	it('carries edits both ways between two devices on a session document', async () => {
		const name = sessionDocName(newId());
		const a = device(name);
		const b = device(name);
		await Promise.all([synced(a.provider), synced(b.provider)]);

		a.doc.getText('t').insert(0, 'from A');
		await until(b.doc, () => b.doc.getText('t').toString() === 'from A');
		b.doc.getMap('m').set('answer', 42);
		await until(a.doc, () => a.doc.getMap('m').get('answer') === 42);
		expect(server.registry.stats().loaded).toBe(1);
	});

	it('ends with the union when a device connects with offline edits', async () => {
		const name = sessionDocName(newId());
		const online = device(name);
		await synced(online.provider);
		online.doc.getArray<string>('items').push(['online-1', 'online-2']);

		const offlineDoc = new Y.Doc();
		offlineDoc.getArray<string>('items').push(['offline-1']);
		offlineDoc.getMap('meta').set('title', 'written offline');
		const late = device(name, TOKENS.alpha, offlineDoc);
		await synced(late.provider);

		const union = ['offline-1', 'online-1', 'online-2'];
		const sorted = (d: Y.Doc) => d.getArray<string>('items').toArray().slice().sort();
		await until(late.doc, () => sorted(late.doc).length === 3);
		await until(online.doc, () => sorted(online.doc).length === 3);
		expect(sorted(late.doc)).toEqual(union);
		expect(sorted(online.doc)).toEqual(union);
		expect(online.doc.getMap('meta').get('title')).toBe('written offline');

		const fresh = device(name);
		await synced(fresh.provider);
		expect(sorted(fresh.doc)).toEqual(union);
	});

	it('persists and broadcasts edits made on the server through DocHost, like a client', async () => {
		const name = sessionDocName(newId());
		const a = device(name);
		await synced(a.provider);
		const held = await server.registry.open('alpha', name);
		held.doc.getText('reply').insert(0, 'streamed by the runner');
		await until(a.doc, () => a.doc.getText('reply').toString() === 'streamed by the runner');
		held.release();
		expect(await server.store.countUpdates('alpha', name)).toBeGreaterThan(0);
	});

	it('relays awareness between devices and drops a device that leaves', async () => {
		const name = sessionDocName(newId());
		const a = device(name);
		const b = device(name);
		await Promise.all([synced(a.provider), synced(b.provider)]);
		a.provider.awareness.setLocalStateField('user', 'Ada');
		const aId = a.doc.clientID;
		const seesAda = () => (b.provider.awareness.getStates().get(aId) as { user?: string } | undefined)?.user === 'Ada';
		await new Promise<void>((resolve) => {
			const check = () => seesAda() && resolve();
			b.provider.awareness.on('change', check);
			check();
		});
		a.provider.disconnect();
		await new Promise<void>((resolve) => {
			const check = () => !b.provider.awareness.getStates().has(aId) && resolve();
			b.provider.awareness.on('change', check);
			check();
		});
		expect(seesAda()).toBe(false);
	});
});
