// Several instances (tests/cluster's set-up: PostgreSQL, a private Redis, three server processes), in
// one run: A->B sync latency when A and B are on different instances against the same instance (goal
// <= 1.5x p50), and updates per second through three instances against one, same devices, same load.
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { startCluster, syncUrl, TOKEN, type Cluster } from '../tests/cluster/harness';
import { arrival, benchDevice, inBatches, whenSynced, type BenchDevice } from './lib/device';
import { figure, single, runBench } from './lib/figure';
import { summarize } from './lib/stats';

const DOCS = 30;
const ROUNDS = Number(process.env.CLUSTER_ROUNDS ?? 12);
const WARMUP_ROUNDS = 2;
const UPDATES_PER_WRITER = 200;

process.setMaxListeners(0);

interface Pair {
	a: BenchDevice;
	b: BenchDevice;
}

const url = (cluster: Cluster, n: number) => syncUrl(cluster.instances[n % cluster.instances.length]);

/** One pair per document: B on A's instance (`shift` 0) or on the next one. */
function pairs(cluster: Cluster, shift: number): Promise<Pair[]> {
	return inBatches(
		Array.from({ length: DOCS }, (_, i) => i),
		10,
		async (i) => {
			const name = sessionDocName(newId());
			const pair = { a: benchDevice(url(cluster, i), name, { token: TOKEN }), b: benchDevice(url(cluster, i + shift), name, { token: TOKEN }) };
			await Promise.all([whenSynced(pair.a.provider), whenSynced(pair.b.provider)]);
			return pair;
		}
	);
}

function edit({ a, b }: Pair): Promise<number> {
	const text = a.doc.getText('t');
	const seen = b.doc.getText('t');
	const started = performance.now();
	text.insert(text.length, 'x');
	const want = text.length;
	return arrival(b.doc, () => seen.length === want).then((at) => at - started);
}

/** Every writer pushes its updates as fast as it can; resolves with updates per second until every reader has all. */
async function throughput(list: Pair[]): Promise<number> {
	const started = performance.now();
	await Promise.all(
		list.map(async ({ a, b }) => {
			const array = a.doc.getArray<number>('burst');
			const want = array.length + UPDATES_PER_WRITER;
			const arrived = arrival(b.doc, () => b.doc.getArray('burst').length === want, 120_000);
			for (let n = 0; n < UPDATES_PER_WRITER; n++) {
				array.push([n]);
				await new Promise((r) => setImmediate(r));
			}
			await arrived;
		})
	);
	return (list.length * UPDATES_PER_WRITER) / ((performance.now() - started) / 1000);
}

await runBench('cluster', async () => {
	const cluster = await startCluster(3);
	try {
		const same = await pairs(cluster, 0);
		const across = await pairs(cluster, 1);
		const latency = { same: [] as number[], across: [] as number[] };
		for (let r = 0; r < ROUNDS; r++) {
			const order = r % 2 === 0 ? (['same', 'across'] as const) : (['across', 'same'] as const);
			for (const kind of order) {
				for (const pair of kind === 'same' ? same : across) {
					const ms = await edit(pair);
					if (r >= WARMUP_ROUNDS) latency[kind].push(ms);
				}
			}
		}
		for (const p of [...same, ...across]) (p.a.destroy(), p.b.destroy());

		// Through one: every device on instance 0. Through three: writers and readers spread over all three.
		const one = await inBatches(Array.from({ length: DOCS }, (_, i) => i), 10, async () => {
			const name = sessionDocName(newId());
			const pair = { a: benchDevice(url(cluster, 0), name, { token: TOKEN }), b: benchDevice(url(cluster, 0), name, { token: TOKEN }) };
			await Promise.all([whenSynced(pair.a.provider), whenSynced(pair.b.provider)]);
			return pair;
		});
		const three = await pairs(cluster, 1);
		const rates = { one: [] as number[], three: [] as number[] };
		for (let r = 0; r < 3; r++) {
			for (const kind of r % 2 === 0 ? (['one', 'three'] as const) : (['three', 'one'] as const)) {
				rates[kind].push(await throughput(kind === 'one' ? one : three));
			}
		}
		for (const p of [...one, ...three]) (p.a.destroy(), p.b.destroy());

		const s = summarize(latency.same);
		const x = summarize(latency.across);
		const oneRate = summarize(rates.one).median;
		const threeRate = summarize(rates.three).median;
		const note = `${DOCS} docs, ${ROUNDS - WARMUP_ROUNDS} rounds; three instances, PostgreSQL, Redis on one 2-core machine`;
		return {
			figures: [
				figure('cluster.latency.same', 'Sync latency, A and B on the same instance (PostgreSQL + Redis)', 'ms', s, undefined, note),
				figure('cluster.latency.across', 'Sync latency, A and B on different instances', 'ms', x),
				figure('cluster.latency.ratio', 'Sync latency ratio across / same instance', 'x', { median: x.median / s.median, p99: x.p99 / s.p99, n: x.n }, { on: 'median', max: 1.5 }),
				figure('cluster.throughput.one', 'Updates per second, every device on one of three instances', 'updates/s', single(oneRate)),
				figure('cluster.throughput.three', 'Updates per second, devices spread over three instances', 'updates/s', single(threeRate)),
				figure('cluster.throughput.ratio', 'Updates per second, three instances / one (goal: more than 1)', 'x', single(threeRate / oneRate))
			],
			details: { docs: DOCS, rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, updatesPerWriter: UPDATES_PER_WRITER, latency: { same: s, across: x }, rates }
		};
	} finally {
		await cluster.stop();
	}
});
