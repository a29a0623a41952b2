// Hostile input on a sync socket: garbage and oversize frames close that socket only; the server
// stays up and the other devices on the same document keep syncing.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { closed, connectDevice, handshake, synced, until, type Device } from '../helpers/yclient';

const MAX_FRAME = 64 * 1024;
let server: TestServer;
const name = sessionDocName(newId());
let a: Device;
let b: Device;

/** What the server logged, as parsed JSON lines. */
const logged: Array<{ msg: string; err?: { message: string } }> = [];

beforeAll(async () => {
	server = await startTestServer({ maxFrameBytes: MAX_FRAME }, pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) }));
	a = connectDevice(server.syncUrl, name, TOKENS.alpha);
	b = connectDevice(server.syncUrl, name, TOKENS.alpha);
	await Promise.all([synced(a.provider), synced(b.provider)]);
});
afterAll(async () => {
	a.destroy();
	b.destroy();
	await server.close();
});

const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
	const e = encoding.createEncoder();
	parts.forEach((write) => write(e));
	return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

async function attack(payload: Uint8Array | string): Promise<number> {
	const result = await handshake(`${server.syncUrl}/${name}?token=${TOKENS.alpha}`);
	if (!result.opened) throw new Error(`refused with ${result.status}`);
	const code = closed(result.socket);
	result.socket.send(payload);
	return code;
}

async function stillSyncing(marker: string) {
	a.doc.getMap('m').set('marker', marker);
	await until(b.doc, () => b.doc.getMap('m').get('marker') === marker);
	const health = await fetch(`${server.origin}/health`);
	expect(health.status).toBe(200);
}

describe('malformed and oversize frames', () => {
	it.each([
		['an empty frame', new Uint8Array()],
		['a truncated varint', new Uint8Array([0x80])],
		['an unknown message type', frame(uint(99))],
		['an unknown sync step', frame(uint(0), uint(7), bytes(new Uint8Array([1, 2])))],
		['a sync message without payload', frame(uint(0), uint(2))],
		['a length beyond the frame', frame(uint(0), uint(2), uint(1000))],
		['an update of random bytes', frame(uint(0), uint(2), bytes(new Uint8Array([200, 1, 255, 255, 255, 255, 15, 9, 9, 9])))],
		['a garbage state vector', frame(uint(0), uint(0), bytes(new Uint8Array([5, 255, 255, 255])))],
		['a garbage awareness update', frame(uint(1), bytes(new Uint8Array([1, 7, 1, 3, 123, 125])))],
		['a text frame', 'hello']
	])('closes the socket that sends %s and nobody else', async (_label, payload) => {
		expect(await attack(payload)).toBe(1007);
		await stillSyncing(`after ${_label}`);
	});

	it('closes a socket whose frame exceeds the limit with 1009', async () => {
		expect(await attack(new Uint8Array(MAX_FRAME + 1))).toBe(1009);
		await stillSyncing('after oversize');
		// The socket's own error is what the log says (not a failure of the handler that reports it).
		expect(logged.filter((l) => l.msg === 'sync handler failed')).toEqual([]);
		expect(logged.find((l) => l.msg === 'sync socket error')?.err?.message).toMatch(/max payload/i);
	});

	it('still accepts a large update under the limit', async () => {
		a.doc.getText('big').insert(0, 'x'.repeat(MAX_FRAME / 2));
		await until(b.doc, () => b.doc.getText('big').length === MAX_FRAME / 2);
	});

	it('keeps the document intact for a device that connects afterwards', async () => {
		const c = connectDevice(server.syncUrl, name, TOKENS.alpha);
		await synced(c.provider);
		expect(c.doc.getMap('m').get('marker')).toBe('after oversize');
		c.destroy();
	});
});
