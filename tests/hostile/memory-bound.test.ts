// Reported: MAX_BUFFERED_BYTES capped each socket but not their sum, so a 15 MiB document and 30 sockets
// that asked for it and never read took the server to 3.3 GB of resident memory (about 100 MB a socket).
// The real server runs as a child process with a budget of 32 MiB (MAX_TOTAL_BUFFERED_BYTES), so two
// sockets' worth of the document may wait; its resident memory is read from /proc, and the sockets over the
// budget are shed. Measured here: the peak grows by 140-185 MiB; before the fix, 470-520 MiB.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { appendMessage } from '../../src/lib/core/ydoc';
import { CLOSE } from '../../sync-server/src/sync/connection';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { connectDevice, eventually, synced, type Device } from '../helpers/yclient';

const TOKEN = 'alpha-token-0123456789';
const MiB = 1024 * 1024;
/** What a WebSocket client reports when the connection ended without a close frame. */
const DROPPED = 1006;
const SOCKETS = 30;
const DOC_BYTES = 15 * MiB;
const BUDGET = 32 * MiB;
/**
 * Room above the idle server with the document loaded for what is not the sockets' backlog: the document
 * encoded for each socket that asked (garbage once its socket is shed, until V8 collects it), ws, Yjs.
 */
const HEADROOM = 256 * MiB;

let server: ServerProcess;
let writer: Device;
const docName = sessionDocName(newId());

/** A /proc/<pid>/status field (VmRSS now, VmHWM the peak so far), in bytes. */
const memory = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]) * 1024;

async function metric(name: string): Promise<number> {
	const text = await (await fetch(`${server.origin}/metrics`)).text();
	return Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

/** A client that asks for the whole document (sync step 1 with an empty state) and then stops reading. */
function nonReader(codes: number[]): Promise<WebSocket> {
	const socket = new WebSocket(`${server.origin.replace(/^http/, 'ws')}/sync/${docName}?token=${TOKEN}`);
	socket.on('close', (code) => codes.push(code));
	return new Promise((resolve, reject) => {
		socket.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeSyncStep1(encoder, new Y.Doc());
			socket.send(encoding.toUint8Array(encoder));
			socket.pause();
			resolve(socket);
		});
		socket.once('error', reject);
	});
}

beforeAll(async () => {
	server = await spawnServer({ env: { AUTH_TOKENS: `alpha:${TOKEN}`, MAX_TOTAL_BUFFERED_BYTES: String(BUDGET) } });
	writer = connectDevice(`${server.origin.replace(/^http/, 'ws')}/sync`, docName, TOKEN);
	await synced(writer.provider);
	// Three finished 5 MiB messages (random, so nothing about them is small): a 15 MiB session document.
	for (let i = 0; i < 3; i++) {
		appendMessage(writer.doc, { id: newId(), kind: 'user', text: randomBytes(DOC_BYTES / 3 / 2).toString('hex'), state: 'done', createdAt: Date.now(), meta: {} });
	}
	await eventually(async () => (await metric('sync_loaded_document_bytes')) >= DOC_BYTES, 30_000);
}, 60_000);

afterAll(async () => {
	writer?.destroy();
	await server?.kill('SIGKILL');
	if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('memory with many sockets that never read', () => {
	it(`${SOCKETS} of them on a 15 MiB document keep the server within its buffered-bytes budget, the excess shed`, async () => {
		const before = memory('VmRSS');
		const codes: number[] = [];
		const sockets: WebSocket[] = [];
		for (let i = 0; i < SOCKETS; i++) sockets.push(await nonReader(codes));
		const fit = Math.floor(BUDGET / DOC_BYTES);
		await eventually(async () => (await metric('sync_sockets_shed_total{budget="total-buffered-bytes"}')) >= SOCKETS - fit, 30_000);

		expect(memory('VmHWM') - before).toBeLessThan(BUDGET + HEADROOM);

		// Reading again, each shed client finds its socket closed: with 1013, or dropped (1006) when its backlog
		// was what had to go.
		for (const socket of sockets) socket.resume();
		await eventually(() => codes.length >= SOCKETS - fit, 30_000);
		expect(codes.filter((code) => code !== CLOSE.overloaded && code !== DROPPED)).toEqual([]);
		for (const socket of sockets) socket.terminate();
	}, 120_000);
});
