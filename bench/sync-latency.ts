// Sync latency with 100 live session documents and two devices on each: the time from an edit on one
// device until the other has applied it, through our server (built as `npm start` runs it, SQLite store, durable
// before broadcast, token per socket) and through the reference, @y/websocket-server 0.1.1 (in memory,
// no checks), in the same run. Rounds alternate which server goes first, so machine noise hits both.
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { assertNothingShed, buildServer, startServer } from './lib/server';
import { benchDevice, editDelay, inBatches, whenSynced, type BenchDevice } from './lib/device';
import { figure, runBench } from './lib/figure';
import { startReferenceServer } from './lib/reference-server';
import { benchTenants } from './lib/tenants';
import { summarize } from './lib/stats';

const DOCS = 100;
const ROUNDS = Number(process.env.SYNC_ROUNDS ?? 22);
const WARMUP_ROUNDS = 2;
/** 100 docs x 2 devices in 4 tenants: 50 sockets each, within the default per-tenant budget. */
const TENANTS = benchTenants(4);

interface Pair {
	a: BenchDevice;
	b: BenchDevice;
}

interface Target {
	label: 'ours' | 'reference';
	pairs: Pair[];
	/** One edit in flight at a time, cycling through the documents. */
	single: number[];
	/** All 100 documents edited at the same moment. */
	burst: number[];
}

process.setMaxListeners(0);

/** `params(n)`: the query for the nth document's devices (our server's token). */
async function connectPairs(serverUrl: string, params: (n: number) => Record<string, string>): Promise<Pair[]> {
	const names = Array.from({ length: DOCS }, () => sessionDocName(newId()));
	return inBatches(names, 20, async (name, n) => {
		const pair = { a: benchDevice(serverUrl, name, params(n)), b: benchDevice(serverUrl, name, params(n)) };
		await Promise.all([whenSynced(pair.a.provider), whenSynced(pair.b.provider)]);
		return pair;
	});
}

/** Edits one device of the pair (alternating direction) and resolves with the milliseconds until the other has it. */
const edit = (pair: Pair, reverse: boolean): Promise<number> => (reverse ? editDelay(pair.b, pair.a) : editDelay(pair.a, pair.b));

async function round(target: Target, r: number, keep: boolean) {
	for (const [i, pair] of target.pairs.entries()) {
		const ms = await edit(pair, (r + i) % 2 === 1);
		if (keep) target.single.push(ms);
	}
	const all = await Promise.all(target.pairs.map((pair, i) => edit(pair, (r + i) % 2 === 0)));
	if (keep) target.burst.push(...all);
}

await runBench('sync-latency', async () => {
	buildServer();
	const ours = await startServer({ built: true, env: { AUTH_TOKENS: TENANTS.env } });
	const reference = await startReferenceServer();
	const targets: Target[] = [
		{ label: 'ours', pairs: await connectPairs(`${ours.origin.replace(/^http/, 'ws')}/sync`, (n) => ({ token: TENANTS.tokenFor(n) })), single: [], burst: [] },
		{ label: 'reference', pairs: await connectPairs(reference.url, () => ({})), single: [], burst: [] }
	];
	for (let r = 0; r < ROUNDS; r++) {
		const order = r % 2 === 0 ? targets : [...targets].reverse();
		for (const target of order) await round(target, r, r >= WARMUP_ROUNDS);
	}
	await assertNothingShed(ours.origin);
	for (const target of targets) for (const { a, b } of target.pairs) (a.destroy(), b.destroy());
	await Promise.all([ours.stop(), reference.kill()]);

	const [o, ref] = targets.map((t) => ({ single: summarize(t.single), burst: summarize(t.burst) }));
	const ratio = (x: { median: number; p99: number }, y: { median: number; p99: number }, n: number) => ({
		median: x.median / y.median,
		p99: x.p99 / y.p99,
		n
	});
	const note = `${DOCS} docs x 2 devices per server, ${ROUNDS - WARMUP_ROUNDS} rounds`;
	return {
		figures: [
			figure('sync.single.ours', 'Sync latency, one edit at a time: ours (SQLite, auth)', 'ms', o.single, undefined, note),
			figure('sync.single.reference', 'Sync latency, one edit at a time: @y/websocket-server 0.1.1 (memory)', 'ms', ref.single),
			figure('sync.single.ratio', 'Sync latency ratio ours / reference, one at a time', 'x', ratio(o.single, ref.single, o.single.n), { on: 'both', max: 1 }),
			figure('sync.burst.ours', 'Sync latency, 100 docs edited at once: ours', 'ms', o.burst),
			figure('sync.burst.reference', 'Sync latency, 100 docs edited at once: reference', 'ms', ref.burst),
			figure('sync.burst.ratio', 'Sync latency ratio ours / reference, 100 at once', 'x', ratio(o.burst, ref.burst, o.burst.n), { on: 'both', max: 1 })
		],
		details: {
			docs: DOCS,
			devicesPerDoc: 2,
			rounds: ROUNDS,
			warmupRounds: WARMUP_ROUNDS,
			ours: { store: 'sqlite (WAL)', ...o },
			reference: { package: '@y/websocket-server@0.1.1', store: 'memory', ...ref }
		}
	};
});
