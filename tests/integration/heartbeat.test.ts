// Half-open connections: a socket that stops answering pings is dropped (its document can unload);
// a live client that answers them stays connected.
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { closed, connectDevice, eventually, synced } from '../helpers/yclient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ heartbeatMs: 40, idleUnloadMs: 20 });
});
afterAll(() => server.close());

it('drops a socket that does not answer pings, and keeps one that does', async () => {
	const live = connectDevice(server.syncUrl, 'index', TOKENS.alpha);
	await synced(live.provider);
	const silent = new WebSocket(`${server.syncUrl}/session/silent?token=${TOKENS.alpha}`, { autoPong: false });
	await new Promise((resolve) => silent.once('open', resolve));
	await eventually(() => server.registry.peek('alpha', 'session/silent') !== null);

	expect(await closed(silent)).toBe(1006);
	await eventually(() => server.registry.peek('alpha', 'session/silent') === null);
	expect(live.provider.wsconnected).toBe(true);
	expect(server.sockets.size).toBe(1);
	live.destroy();
});
