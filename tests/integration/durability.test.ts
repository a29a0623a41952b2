// The server as a child process, killed with SIGKILL mid-stream and restarted on the same DATA_DIR:
// every update a device had seen broadcast must still be there.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { connectDevice, synced, until, type Device } from '../helpers/yclient';

const TOKEN = 'durability-token-0123456789';
const env = { AUTH_TOKENS: `alpha:${TOKEN}` };
const syncUrl = (s: ServerProcess) => `${s.origin.replace(/^http/, 'ws')}/sync`;

let servers: ServerProcess[] = [];
let devices: Device[] = [];
afterEach(async () => {
	devices.forEach((d) => d.destroy());
	devices = [];
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	servers = [];
});

async function start(options: Parameters<typeof spawnServer>[0] = {}) {
	const s = await spawnServer({ ...options, env });
	servers.push(s);
	return s;
}

describe('durability', () => {
	it('keeps everything a device saw broadcast when the server is killed with SIGKILL, several documents streaming at once', async () => {
		const first = await start();
		// Several documents written in the same ticks, so the store's group commits span documents.
		const streams = Array.from({ length: 4 }, () => {
			const name = sessionDocName(newId());
			const writer = connectDevice(syncUrl(first), name, TOKEN);
			const watcher = connectDevice(syncUrl(first), name, TOKEN);
			devices.push(writer, watcher);
			return { name, writer, watcher, seen: new Set<number>() };
		});
		await Promise.all(streams.flatMap((s) => [synced(s.writer.provider), synced(s.watcher.provider)]));

		// Each writer streams small edits, as the runner does; its watcher records what reached it.
		for (const { watcher, seen } of streams) {
			watcher.doc.getArray<number>('items').observe((event) => {
				for (const item of event.changes.added) for (const n of item.content.getContent() as number[]) seen.add(n);
			});
		}
		let n = 0;
		let writing = true;
		const write = () => {
			if (!writing) return;
			for (const { writer } of streams) writer.doc.getArray<number>('items').push([n++]);
			setImmediate(write);
		};
		write();
		await Promise.all(streams.map((s) => until(s.watcher.doc, () => s.seen.size >= 100)));
		await first.kill('SIGKILL');
		writing = false;
		const sawBeforeKill = streams.map((s) => [...s.seen]);
		for (const { writer, watcher } of streams) {
			writer.provider.disconnect();
			watcher.provider.disconnect();
		}

		const second = await start({ dataDir: first.dataDir, port: first.port });
		for (const [i, { name }] of streams.entries()) {
			const reader = connectDevice(syncUrl(second), name, TOKEN);
			devices.push(reader);
			await synced(reader.provider);
			const stored = new Set(reader.doc.getArray<number>('items').toArray());
			expect(sawBeforeKill[i].length).toBeGreaterThanOrEqual(100);
			expect(sawBeforeKill[i].filter((value) => !stored.has(value))).toEqual([]);
		}
	});

	it('flushes and exits cleanly on SIGTERM, and a reconnecting device merges its unsent edits', async () => {
		const first = await start();
		const name = sessionDocName(newId());
		const device = connectDevice(syncUrl(first), name, TOKEN);
		devices.push(device);
		await synced(device.provider);
		device.doc.getText('t').insert(0, 'before restart. ');
		const watcher = connectDevice(syncUrl(first), name, TOKEN, new Y.Doc());
		devices.push(watcher);
		await until(watcher.doc, () => watcher.doc.getText('t').length > 0);
		expect(await first.kill('SIGTERM')).toBe(0);

		// Offline while the server is down; the provider reconnects on its own when it is back.
		device.doc.getText('t').insert(device.doc.getText('t').length, 'while down.');
		await start({ dataDir: first.dataDir, port: first.port });
		await until(watcher.doc, () => watcher.doc.getText('t').toString() === 'before restart. while down.', 15_000);
	});
});
