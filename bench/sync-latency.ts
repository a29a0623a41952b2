// Time for an update to travel from device A through the sync server (a child process, SQLite store,
// written durably before it is broadcast) to device B, both unmodified y-websocket clients.
// Prints JSON percentiles (and writes them to --out <file> if given).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { spawnServer } from '../tests/helpers/server-process';
import { connectDevice, synced, until } from '../tests/helpers/yclient';

const SAMPLES = 1000;
const WARMUP = 50;
const TOKEN = 'bench-token-0123456789';

const server = await spawnServer({ env: { AUTH_TOKENS: `bench:${TOKEN}` } });
const syncUrl = `${server.origin.replace(/^http/, 'ws')}/sync`;
const name = sessionDocName(newId());
const a = connectDevice(syncUrl, name, TOKEN);
const b = connectDevice(syncUrl, name, TOKEN);
await Promise.all([synced(a.provider), synced(b.provider)]);

const text = a.doc.getText('t');
const received = b.doc.getText('t');
const times: number[] = [];
for (let i = 0; i < WARMUP + SAMPLES; i++) {
	const started = performance.now();
	text.insert(text.length, 'x');
	const want = text.length;
	await until(b.doc, () => received.length === want);
	if (i >= WARMUP) times.push(performance.now() - started);
}
a.destroy();
b.destroy();
await server.kill('SIGTERM');

times.sort((x, y) => x - y);
const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 1000) / 1000;
const result = {
	bench: 'sync-latency',
	samples: SAMPLES,
	unit: 'ms',
	p50: pct(50),
	p90: pct(90),
	p99: pct(99),
	max: pct(100),
	mean: Math.round((times.reduce((s, t) => s + t, 0) / times.length) * 1000) / 1000,
	store: 'sqlite (WAL, synchronous=NORMAL)',
	node: process.version,
	at: new Date().toISOString()
};
const json = JSON.stringify(result, null, 2);
console.log(json);
const out = process.argv.indexOf('--out');
if (out !== -1 && process.argv[out + 1]) writeFileSync(process.argv[out + 1], json + '\n');
