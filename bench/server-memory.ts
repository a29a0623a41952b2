// Memory of the sync server while 1,000 documents are opened, edited and closed by real y-websocket
// clients, in several rounds: bounded memory means later rounds end where the first did.
// Part 1 runs the server as a child process and reports what an operator sees (RSS, heap as-is),
// once with Node's defaults and once with a 40 MB old-space cap (a leak would crash it).
// Part 2, when run with `node --expose-gc --import tsx bench/server-memory.ts`, runs the server in
// this process and forces a collection before each reading, so uncollected garbage does not read as
// growth. Prints JSON (and writes it to --out <file> if given).
import { writeFileSync } from 'node:fs';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { spawnServer } from '../tests/helpers/server-process';
import { startTestServer, TOKENS } from '../tests/helpers/test-server';
import { connectDevice, eventually, synced } from '../tests/helpers/yclient';

const DOCS = 1000;
const PARALLEL = 25;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const IDLE_UNLOAD_MS = 200;
const TOKEN = 'bench-token-0123456789';

type Health = { rssBytes: number; heapUsedBytes: number; docs: { loaded: number; unloadsTotal: number } };
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
// Each WebsocketProvider adds a process 'exit' listener in Node; many run at once here.
process.setMaxListeners(0);

async function touch(syncUrl: string, token: string, name: string) {
	const device = connectDevice(syncUrl, name, token);
	await synced(device.provider);
	device.doc.getText('t').insert(0, `hello ${name}`);
	// The update frame goes out before the close frame on the same socket, so the server gets it.
	device.provider.disconnect();
	device.destroy();
}

async function openAndClose(syncUrl: string, token: string, loaded: () => Promise<number>) {
	const names = Array.from({ length: DOCS }, () => sessionDocName(newId()));
	let peakLoaded = 0;
	for (let i = 0; i < names.length; i += PARALLEL) {
		await Promise.all(names.slice(i, i + PARALLEL).map((name) => touch(syncUrl, token, name)));
		if (i % 200 === 0) peakLoaded = Math.max(peakLoaded, await loaded());
	}
	await eventually(async () => (await loaded()) === 0, 60_000, 100);
	return peakLoaded;
}

async function childProcessRounds(nodeOptions = '') {
	const server = await spawnServer({
		env: { AUTH_TOKENS: `bench:${TOKEN}`, IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS), NODE_OPTIONS: nodeOptions }
	});
	const syncUrl = `${server.origin.replace(/^http/, 'ws')}/sync`;
	const health = async () => (await (await fetch(`${server.origin}/health`)).json()) as Health;
	const baseline = await health();
	const rounds = [];
	for (let i = 0; i < ROUNDS; i++) {
		const peakLoadedDocs = await openAndClose(syncUrl, TOKEN, async () => (await health()).docs.loaded);
		const after = await health();
		rounds.push({ peakLoadedDocs, rssAfterUnloadMB: mb(after.rssBytes), heapUsedAfterUnloadMB: mb(after.heapUsedBytes), unloadsTotal: after.docs.unloadsTotal });
	}
	await server.kill('SIGTERM');
	return { baselineRssMB: mb(baseline.rssBytes), baselineHeapUsedMB: mb(baseline.heapUsedBytes), rounds };
}

async function inProcessRounds(gc: () => void) {
	const server = await startTestServer({ idleUnloadMs: IDLE_UNLOAD_MS });
	const heapAfterGc = () => {
		gc();
		gc();
		return mb(process.memoryUsage().heapUsed);
	};
	const baseline = heapAfterGc();
	const rounds = [];
	for (let i = 0; i < ROUNDS; i++) {
		await openAndClose(server.syncUrl, TOKENS.alpha, async () => server.registry.stats().loaded);
		rounds.push({ heapUsedAfterGcMB: heapAfterGc(), rssMB: mb(process.memoryUsage.rss()), loadedDocs: server.registry.stats().loaded });
	}
	await server.close();
	return { note: 'server and clients share this process; clients are destroyed before each reading', baselineHeapUsedAfterGcMB: baseline, rounds };
}

const gc = (globalThis as { gc?: () => void }).gc;
const result = {
	bench: 'server-memory',
	docsPerRound: DOCS,
	parallelClients: PARALLEL,
	idleUnloadMs: IDLE_UNLOAD_MS,
	childProcess: await childProcessRounds(),
	// V8 collects lazily while memory is plentiful; a small old-space cap shows what the server needs.
	childProcessOldSpace40MB: await childProcessRounds('--max-old-space-size=40'),
	inProcessAfterGc: gc ? await inProcessRounds(gc) : 'run with node --expose-gc to measure',
	node: process.version,
	at: new Date().toISOString()
};
const json = JSON.stringify(result, null, 2);
console.log(json);
const out = process.argv.indexOf('--out');
if (out !== -1 && process.argv[out + 1]) writeFileSync(process.argv[out + 1], json + '\n');
