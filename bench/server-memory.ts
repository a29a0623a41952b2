// Server memory: 1,000 devices connected at once, each to its own session document and each making an
// edit, then all disconnected. Resident memory (what an operator sees) at the peak and once every
// document has unloaded, against the baseline of the idle server, over several rounds: later rounds
// ending where the first did means nothing accumulates. The server is the real one, a child process;
// the after-readings are taken as V8 left them and again after a full collection forced through the
// inspector, which tells retained memory from garbage V8 has not needed to collect yet.
import { statusKb } from './lib/proc';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { assertNothingShed, buildServer, NPM_START, startServer } from './lib/server';
import { benchTenants } from './lib/tenants';
import { eventually } from '../tests/helpers/yclient';
import { collectGarbage, inspectorUrl } from './lib/inspector';
import { benchDevice, inBatches, whenSynced, type BenchDevice } from './lib/device';
import { figure, runBench, single } from './lib/figure';
import { summarize } from './lib/stats';

const CLIENTS = 1000;
const ROUNDS = Number(process.env.MEMORY_ROUNDS ?? 3);
const IDLE_UNLOAD_MS = 500;
/** Time for V8 to give memory back once the documents are gone, before the "after" reading. */
const SETTLE_MS = 3000;
/** 1,000 devices in 20 tenants: 50 sockets each, within the default per-tenant budget. */
const TENANTS = benchTenants(20);
const EDIT = 'A prompt of about a hundred characters, as a person would type into a new session on a phone. ';

type Health = { rssBytes: number; heapUsedBytes: number; docs: { loaded: number } };
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
process.setMaxListeners(0);

/** The kernel's high-water mark of resident memory for a process (Linux), in MB. */
function peakRssMB(pid: number): number | null {
	const kb = statusKb(pid, 'VmHWM');
	return kb === undefined ? null : Math.round((kb / 1024) * 10) / 10;
}

/** Idle readings of the built server: a start's RSS moves by a couple of MB with what malloc kept, so the median of these. */
const IDLE_STARTS = 3;

/** RSS and heap of an idle server after a full GC: as `npm start` runs it (built JavaScript) or through tsx. */
async function idleMemory(built: boolean): Promise<{ rssMB: number; heapMB: number }> {
	const env = built ? { ...NPM_START.env, NODE_OPTIONS: `--inspect=127.0.0.1:0 ${NPM_START.nodeOptions}` } : { NODE_OPTIONS: '--inspect=127.0.0.1:0' };
	const server = await startServer({ built, env });
	try {
		await new Promise((r) => setTimeout(r, SETTLE_MS));
		const inspector = inspectorUrl(server.output());
		if (!inspector) throw new Error('the server did not print its inspector address');
		await collectGarbage(inspector);
		const text = await (await fetch(`${server.origin}/metrics`)).text();
		const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
		return { rssMB: mb(value('process_resident_memory_bytes')), heapMB: mb(value('nodejs_heap_size_used_bytes')) };
	} finally {
		await server.stop();
	}
}

await runBench('server-memory', async () => {
	buildServer();
	const starts = [];
	for (let i = 0; i < IDLE_STARTS; i++) starts.push(await idleMemory(true));
	const idleBuilt = { rssMB: summarize(starts.map((s) => s.rssMB)).median, heapMB: summarize(starts.map((s) => s.heapMB)).median };
	const idleTsx = await idleMemory(false);
	const server = await startServer({
		built: true,
		env: { ...NPM_START.env, AUTH_TOKENS: TENANTS.env, IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS), NODE_OPTIONS: `--inspect=127.0.0.1:0 ${NPM_START.nodeOptions}` }
	});
	const syncUrl = `${server.origin.replace(/^http/, 'ws')}/sync`;
	const health = async (): Promise<Health> => {
		const text = await (await fetch(`${server.origin}/metrics`)).text();
		const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
		return { rssBytes: value('process_resident_memory_bytes'), heapUsedBytes: value('nodejs_heap_size_used_bytes'), docs: { loaded: value('sync_loaded_documents') } };
	};
	const inspector = inspectorUrl(server.output());
	if (!inspector) throw new Error('the server did not print its inspector address');
	const collected = async () => {
		await collectGarbage(inspector);
		return health();
	};
	await new Promise((r) => setTimeout(r, SETTLE_MS));
	const baseline = await collected();
	const rounds = [];
	for (let r = 0; r < ROUNDS; r++) {
		let peak = 0;
		const sample = async () => (peak = Math.max(peak, (await health()).rssBytes));
		const sampler = setInterval(() => void sample(), 100);
		const devices: BenchDevice[] = await inBatches(Array.from({ length: CLIENTS }, () => sessionDocName(newId())), 50, async (name, n) => {
			const device = benchDevice(syncUrl, name, { token: TENANTS.tokenFor(n) });
			await whenSynced(device.provider);
			device.doc.getText('t').insert(0, EDIT);
			return device;
		});
		await eventually(async () => (await health()).docs.loaded >= CLIENTS, 30_000, 100);
		const full = await health();
		await assertNothingShed(server.origin);
		for (const device of devices) device.destroy();
		await eventually(async () => (await health()).docs.loaded === 0, 60_000, 100);
		await new Promise((res) => setTimeout(res, SETTLE_MS));
		const after = await health();
		await sample();
		clearInterval(sampler);
		const afterGc = await collected();
		rounds.push({
			loadedDocs: full.docs.loaded,
			peakRssMB: mb(peak),
			heapUsedAtPeakMB: mb(full.heapUsedBytes),
			rssAfterUnloadMB: mb(after.rssBytes),
			heapUsedAfterUnloadMB: mb(after.heapUsedBytes),
			rssAfterGcMB: mb(afterGc.rssBytes),
			heapUsedAfterGcMB: mb(afterGc.heapUsedBytes),
			kernelPeakRssMB: peakRssMB(server.child.pid!)
		});
	}
	await server.stop();

	const peak = summarize(rounds.map((r) => r.peakRssMB));
	const after = summarize(rounds.map((r) => r.rssAfterUnloadMB));
	const rssAfterGc = summarize(rounds.map((r) => r.rssAfterGcMB));
	const heapAfterGc = summarize(rounds.map((r) => r.heapUsedAfterGcMB));
	const base = mb(baseline.rssBytes);
	const baseHeap = mb(baseline.heapUsedBytes);
	const note = `${CLIENTS} clients on ${CLIENTS} docs at once, ${ROUNDS} rounds; idle baseline RSS ${base} MB, heap ${baseHeap} MB`;
	// "Near the baseline": within a quarter above it (V8 and the allocator keep some freed pages mapped).
	const near = (x: number) => ({ on: 'p99' as const, max: Math.round(x * 1.25 * 10) / 10 });
	return {
		figures: [
			figure('memory.idle', 'Server RSS idle, after a full GC (npm start: built JavaScript)', 'MB', summarize(starts.map((s) => s.rssMB)), { on: 'median', max: 70 }, `median of ${IDLE_STARTS} starts; heap ${idleBuilt.heapMB} MB`),
			figure('memory.idle.tsx', 'Server RSS idle, after a full GC, run through tsx (before)', 'MB', single(idleTsx.rssMB), undefined, `heap ${idleTsx.heapMB} MB`),
			figure('memory.peak', 'Server RSS at peak, 1,000 clients on 1,000 docs', 'MB', peak, { on: 'p99', max: 300 }, note),
			figure('memory.after', 'Server RSS after all disconnected and unloaded, as V8 left it', 'MB', after, near(base)),
			figure('memory.afterGc', 'Server RSS after unloading and a full GC', 'MB', rssAfterGc, near(base)),
			figure('memory.heapAfterGc', 'Server JS heap after unloading and a full GC', 'MB', heapAfterGc, near(baseHeap))
		],
		details: { idle: { built: idleBuilt, builtStarts: starts, tsx: idleTsx }, clients: CLIENTS, rounds, idleUnloadMs: IDLE_UNLOAD_MS, settleMs: SETTLE_MS, baseline: { rssMB: base, heapUsedMB: baseHeap } }
	};
});
