// Reported: one socket sending ~20,000 small valid updates into its own session stalled the whole server
// (another tenant's sync went from 2 ms to 17 s, and in-memory turn leases were "lost"). Each update now
// costs the same whatever the session's length, and a socket over its rate (SOCKET_MESSAGES_PER_SECOND) is
// read more slowly. Here alpha floods while beta edits: beta's edit reaches beta's other device while
// alpha's flood is still being taken in, and the flood is not refused, only slowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { sessionDocName } from '../../src/lib/core/docnames';
import { appendMessage, messagesArray } from '../../src/lib/core/ydoc';
import { encodeUpdate } from '../../sync-server/src/sync/protocol';
import { manyMessages, newSession } from '../e2e/seed';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { connectDevice, synced, until, type Device } from '../helpers/yclient';

const RATE = 100;
const FLOOD = 3_000;

let server: TestServer;
const devices: Device[] = [];
const device = (name: string, token: string) => {
	const d = connectDevice(server.syncUrl, name, token);
	devices.push(d);
	return d;
};

beforeAll(async () => {
	server = await startTestServer({ socketMessagesPerSecond: RATE });
});
afterAll(async () => {
	for (const d of devices) d.provider.destroy();
	await server?.close();
});

describe('one socket flooding its own session', () => {
	it("does not hold up another tenant's edits, and is slowed rather than refused", async () => {
		const floodName = sessionDocName(newSession('flood').id);
		const victimName = sessionDocName(newSession('victim').id);
		const watcher = device(floodName, TOKENS.alpha);
		const [a, b] = [device(victimName, TOKENS.beta), device(victimName, TOKENS.beta)];
		await Promise.all([synced(watcher.provider), synced(a.provider), synced(b.provider)]);

		// One update per message, sent without waiting, as a hostile client would.
		const source = new Y.Doc();
		const frames: Uint8Array[] = [];
		source.on('update', (update: Uint8Array) => frames.push(encodeUpdate(update)));
		for (const m of manyMessages(FLOOD)) appendMessage(source, { ...m, text: `${m.text} ${'f'.repeat(100)}` });
		const flood = new WebSocket(`${server.syncUrl}/${floodName}?token=${TOKENS.alpha}`);
		const codes: number[] = [];
		flood.on('close', (code) => codes.push(code));
		await new Promise((resolve) => flood.once('open', resolve));
		for (const frame of frames) flood.send(frame);
		const flooded = () => messagesArray(watcher.doc).length;
		await until(watcher.doc, () => flooded() > 0, 30_000);

		for (let i = 1; i <= 3; i++) {
			a.doc.getMap('probe').set('v', i);
			await until(b.doc, () => b.doc.getMap('probe').get('v') === i);
			expect(flooded()).toBeLessThan(FLOOD);
		}
		expect(codes).toEqual([]);
		flood.close();
	});
});
