// Several instances (tests/cluster's set-up: PostgreSQL, a private Redis, three server processes), in
// one run: A->B sync latency when A and B are on different instances against the same instance (goal
// <= 1.5x p50), and updates per second through three instances against one (goal: more than one).
// Through three, each document's devices are where deploy/Caddyfile's load balancer sends them (sync
// sockets hashed by document, so a document's devices share an instance and the documents spread);
// the worst case, every document's two devices on different instances, is its own figure. The
// throughput devices are protocol-level load generators in client processes of their own
// (lib/cluster-devices.ts), and the CPU time each side spent is recorded: on this machine all of it
// shares two cores, so the CPU per update on the busiest instance is reported too, the measure of what
// three instances carry when each has a core of its own.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { startCluster, syncUrl, TENANT, TOKEN, type Cluster } from '../tests/cluster/harness';
import type { FromDevices, PairSpec, ToDevices } from './lib/cluster-devices';
import { benchDevice, editDelay, inBatches, whenSynced, type BenchDevice } from './lib/device';
import { figure, single, runBench } from './lib/figure';
import { cpuMs } from './lib/proc';
import { assertNothingShed } from './lib/server';
import { summarize } from './lib/stats';
import { benchTenants } from './lib/tenants';

const DOCS = 30;
const ROUNDS = Number(process.env.CLUSTER_ROUNDS ?? 12);
const WARMUP_ROUNDS = 2;
const UPDATES_PER_WRITER = 1000;
const BURSTS = 5;
const CLIENTS = 2;
/** Every placement's devices stay connected, 180 sockets: spread over tenants, each within its socket budget on every instance. */
const tenants = benchTenants(3);

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

const edit = ({ a, b }: Pair) => editDelay(a, b);

/** CPU time a process has used so far, in ms; 0 once it has ended (a PostgreSQL backend may end meanwhile). */
const cpuMsOf = (pid: number | string) => cpuMs(Number(pid)) || 0;

function commOf(pid: string): string {
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return '';
	}
}

/** CPU time of every PostgreSQL process so far: the whole local server, which other work on this machine may use too. */
function postgresCpuMs(): number {
	return readdirSync('/proc')
		.filter((pid) => /^\d+$/.test(pid) && commOf(pid) === 'postgres')
		.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
}

/** Which instance a load balancer hashing the socket's path by rendezvous (Caddy's header and uri_hash policies) picks. */
function routed(cluster: Cluster, name: string): number {
	const weight = (i: number) => createHash('sha256').update(`${cluster.instances[i].origin}/sync/${name}`).digest().readUInt32BE(0);
	return cluster.instances.reduce((best, _, i) => (weight(i) > weight(best) ? i : best), 0);
}

type Placement = 'one' | 'routed' | 'split';

/** Where a document's two devices connect: both on instance 0, both where the balancer routes the document, or A and B on different instances. */
function place(cluster: Cluster, placement: Placement, i: number, name: string): [number, number] {
	if (placement === 'one') return [0, 0];
	if (placement === 'routed') return [routed(cluster, name), routed(cluster, name)];
	return [i % cluster.instances.length, (i + 1) % cluster.instances.length];
}

/** Client processes, each with its share of the pairs (A writes, B reads), all connected and synced. */
async function openClients(cluster: Cluster, placement: Placement) {
	const specs = Array.from({ length: DOCS }, (_, i): PairSpec => {
		const name = sessionDocName(newId());
		const [a, b] = place(cluster, placement, i, name);
		return { name, a: url(cluster, a), b: url(cluster, b), token: tenants.tokenFor(i) };
	});
	const clients = Array.from({ length: CLIENTS }, (_, c) => {
		const child = fork(new URL('./lib/cluster-devices.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
		const next = () =>
			new Promise<FromDevices>((resolve, reject) => {
				const exited = (code: number | null) => reject(new Error(`a bench client exited (${code})`));
				child.once('exit', exited);
				child.once('message', (message: FromDevices) => (child.off('exit', exited), resolve(message)));
			});
		const ask = (message: ToDevices) => {
			const reply = next();
			child.send(message);
			return reply;
		};
		return { child, ask, pairs: specs.filter((_, i) => i % CLIENTS === c) };
	});
	await Promise.all(clients.map((c) => c.ask({ type: 'open', pairs: c.pairs, bursts: BURSTS + 1, updates: UPDATES_PER_WRITER })));
	const perInstance = cluster.instances.map((_, n) => specs.filter((s) => s.a === url(cluster, n)).length);
	return {
		perInstance,
		/** One burst on every pair at once: updates per second until every reader has all, and the CPU each side spent. */
		async burst() {
			const instancesBefore = cluster.instances.map((i) => cpuMsOf(i.child.pid!));
			const postgresBefore = postgresCpuMs();
			const started = performance.now();
			const done = await Promise.all(clients.map((c) => c.ask({ type: 'burst' })));
			const seconds = (performance.now() - started) / 1000;
			const updates = DOCS * UPDATES_PER_WRITER;
			return {
				rate: updates / seconds,
				// CPU ms per 1,000 updates: the client processes together, and each instance.
				clientCpu: (done.reduce((sum, d) => sum + (d.type === 'done' ? d.cpuMs : 0), 0) * 1000) / updates,
				instanceCpu: cluster.instances.map((i, n) => ((cpuMsOf(i.child.pid!) - instancesBefore[n]) * 1000) / updates),
				postgresCpu: ((postgresCpuMs() - postgresBefore) * 1000) / updates
			};
		},
		close: () => Promise.all(clients.map((c) => new Promise((resolve) => (c.child.once('exit', resolve), c.child.send({ type: 'close' })))))
	};
}

await runBench('cluster', async () => {
	const cluster = await startCluster(3, { AUTH_TOKENS: `${TENANT}:${TOKEN},${tenants.env}` });
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

		const placements = ['one', 'routed', 'split'] as const;
		const bursts = { one: [], routed: [], split: [] } as Record<Placement, Array<Awaited<ReturnType<Awaited<ReturnType<typeof openClients>>['burst']>>>>;
		// Every placement's devices are connected throughout and their bursts take turns, so a change in the
		// machine's load (others share it) falls on all three alike.
		const clients = {} as Record<Placement, Awaited<ReturnType<typeof openClients>>>;
		for (const placement of placements) clients[placement] = await openClients(cluster, placement);
		for (const placement of placements) await clients[placement].burst();
		for (let r = 0; r < BURSTS; r++) {
			for (let k = 0; k < placements.length; k++) {
				const placement = placements[(r + k) % placements.length];
				bursts[placement].push(await clients[placement].burst());
			}
		}
		await Promise.all(placements.map((p) => clients[p].close()));
		for (const instance of cluster.instances) await assertNothingShed(instance.origin);
		const spread = Object.fromEntries(placements.map((p) => [p, clients[p].perInstance]));
		const rate = (placement: Placement) => summarize(bursts[placement].map((b) => b.rate)).median;
		const cpu = (placement: Placement) => ({
			client: summarize(bursts[placement].map((b) => b.clientCpu)).median,
			instances: cluster.instances.map((_, n) => summarize(bursts[placement].map((b) => b.instanceCpu[n])).median),
			postgres: summarize(bursts[placement].map((b) => b.postgresCpu)).median
		});

		const busiest = (placement: Placement) => Math.max(...cpu(placement).instances);
		const s = summarize(latency.same);
		const x = summarize(latency.across);
		const [one, three, split] = placements.map(rate);
		const note = `${DOCS} docs, ${ROUNDS - WARMUP_ROUNDS} rounds; three instances, PostgreSQL, Redis on one 2-core machine`;
		const throughputNote = `${DOCS} docs, one writer and one reader each, ${UPDATES_PER_WRITER} updates per writer, median of ${BURSTS} bursts; devices in ${CLIENTS} client processes`;
		return {
			figures: [
				figure('cluster.latency.same', 'Sync latency, A and B on the same instance (PostgreSQL + Redis)', 'ms', s, undefined, note),
				figure('cluster.latency.across', 'Sync latency, A and B on different instances', 'ms', x),
				figure('cluster.latency.ratio', 'Sync latency ratio across / same instance', 'x', { median: x.median / s.median, p99: x.p99 / s.p99, n: x.n }, { on: 'median', max: 1.5 }),
				figure('cluster.throughput.one', 'Updates per second, every device on one of three instances', 'updates/s', single(one), undefined, throughputNote),
				figure('cluster.throughput.three', "Updates per second, documents spread over three instances (each document's devices on one)", 'updates/s', single(three)),
				figure('cluster.throughput.ratio', 'Updates per second, three instances / one (goal: more than 1)', 'x', single(three / one)),
				figure(
					'cluster.throughput.capacity-ratio',
					'CPU per update on the busiest instance, one / three: updates three instances carry before one saturates a core, against one',
					'x',
					single(busiest('one') / busiest('routed')),
					undefined,
					'from the CPU time each instance spent (/proc), not a rate: the three instances here share two cores with PostgreSQL, Redis and the clients'
				),
				figure('cluster.throughput.split', "Updates per second, worst case: each document's two devices on different instances", 'updates/s', single(split)),
				figure('cluster.throughput.split-ratio', 'Updates per second, worst case / one instance', 'x', single(split / one))
			],
			details: {
				docs: DOCS,
				rounds: ROUNDS,
				warmupRounds: WARMUP_ROUNDS,
				updatesPerWriter: UPDATES_PER_WRITER,
				clients: CLIENTS,
				latency: { same: s, across: x },
				rates: Object.fromEntries(placements.map((p) => [p, bursts[p].map((b) => b.rate)])),
				/** Writers per instance in each placement. */
				spread,
				/** Median CPU ms per 1,000 updates: the client processes together, each instance, and PostgreSQL (all of it). */
				cpuPerThousandUpdates: Object.fromEntries(placements.map((p) => [p, cpu(p)]))
			}
		};
	} finally {
		await cluster.stop();
	}
});
