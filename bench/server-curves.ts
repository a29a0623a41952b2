// Server curves: how the built server's memory and latency grow with its work. Documents: 1, 10, 100 and
// 1,000 live session documents with two devices each; at each step the server's RSS after a full GC (the
// documents stay loaded while their devices are connected) and the sync latency of an edit on one device
// until the other has applied it. Streams: 1, 10 and 100 sessions streaming a reply at once from the fake
// Anthropic upstream (its own process) at about Claude's pace; the delay of each token from leaving the
// upstream until the session's second device has it (one monotonic clock), and the server's peak RSS.
import * as Y from 'yjs';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { appendMessage, messagesArray, type YMessage } from '../src/lib/core/ydoc';
import { textReply } from '../sync-server/src/demo/script';
import { monoNow } from './lib/clock';
import { arrival, benchDevice, editDelay, inBatches, whenSynced, type BenchDevice } from './lib/device';
import { figure, runBench, single, type Figure } from './lib/figure';
import { collectGarbage, inspectorUrl } from './lib/inspector';
import { cpuMs, rssMB } from './lib/proc';
import { assertNothingShed, buildServer, NPM_START, startServer, type BenchServer } from './lib/server';
import { summarize } from './lib/stats';
import { benchTenants } from './lib/tenants';
import { startUpstream, type Upstream } from './lib/upstream';

const DOC_STEPS = [1, 10, 100, 1000];
const STREAM_STEPS = [1, 10, 100];
/** Edits timed at each documents step, spread over its documents. */
const EDITS_PER_STEP = 100;
/** 1,000 documents x 2 devices over 25 tenants: 80 sockets each, within the default per-tenant budget. */
const TENANTS = benchTenants(25);
const KEY = 'sk-ant-bench';
/** Claude's pace, as relay-screen.ts has it: 12 characters every 40 ms; 50 deltas a reply. */
const PACE = { chunkChars: 12, delayMs: 40 };
const REPLY_CHARS = 600;
const REPLY = 'streaming tokens into shared documents '.repeat(20).slice(0, REPLY_CHARS);

process.setMaxListeners(0);


async function serve(env: Record<string, string> = {}): Promise<BenchServer & { syncUrl: string; inspector: string }> {
	const server = await startServer({ built: true, env: { ...NPM_START.env, AUTH_TOKENS: TENANTS.env, NODE_OPTIONS: `--inspect=127.0.0.1:0 ${NPM_START.nodeOptions}`, ...env } });
	const inspector = inspectorUrl(server.output());
	if (!inspector) throw new Error('the server did not print its inspector address');
	return { ...server, syncUrl: `${server.origin.replace(/^http/, 'ws')}/sync`, inspector };
}

interface Pair {
	a: BenchDevice;
	b: BenchDevice;
}

async function documentsCurve() {
	const server = await serve();
	const pairs: Pair[] = [];
	const steps = [];
	for (const docs of DOC_STEPS) {
		const names = Array.from({ length: docs - pairs.length }, () => sessionDocName(newId()));
		pairs.push(
			...(await inBatches(names, 50, async (name, i) => {
				const params = { token: TENANTS.tokenFor(pairs.length + i) };
				const pair = { a: benchDevice(server.syncUrl, name, params), b: benchDevice(server.syncUrl, name, params) };
				await Promise.all([whenSynced(pair.a.provider), whenSynced(pair.b.provider)]);
				return pair;
			}))
		);
		const delays: number[] = [];
		for (let e = 0; e < EDITS_PER_STEP; e++) {
			const pair = pairs[(e * 7919) % pairs.length];
			delays.push(await (e % 2 ? editDelay(pair.b, pair.a) : editDelay(pair.a, pair.b)));
		}
		await collectGarbage(server.inspector);
		steps.push({ docs, rssMB: rssMB(server.child.pid!), latency: summarize(delays) });
	}
	await assertNothingShed(server.origin);
	for (const { a, b } of pairs) (a.destroy(), b.destroy());
	await server.stop();
	return steps;
}

const replyOf = (doc: Y.Doc, promptId: string): YMessage | undefined =>
	messagesArray(doc)
		.toArray()
		.find((m) => m.get('kind') === 'assistant' && (m.get('meta') as { replyTo?: string } | undefined)?.replyTo === promptId);

interface Stream {
	sender: BenchDevice;
	watcher: BenchDevice;
	promptId: string;
	/** Unique per session: replies are handed out in the order requests arrive, so the prompt tells whose request is whose. */
	prompt: string;
	arrivals: Array<{ at: number; length: number }>;
}

/** `sessions` replies streaming at once; resolves with every token's delay and the server's peak RSS meanwhile. */
async function streamAtOnce(server: BenchServer & { syncUrl: string }, upstream: Upstream, sessions: number, firstRequest: number) {
	const streams: Stream[] = await inBatches(Array.from({ length: sessions }, (_, i) => i), 50, async (i) => {
		const name = sessionDocName(newId());
		const params = { token: TENANTS.tokenFor(i) };
		const stream: Stream = {
			sender: benchDevice(server.syncUrl, name, params),
			watcher: benchDevice(server.syncUrl, name, params),
			promptId: newId(),
			prompt: `Stream a reply (session ${i})`,
			arrivals: []
		};
		await Promise.all([whenSynced(stream.sender.provider), whenSynced(stream.watcher.provider)]);
		stream.watcher.doc.on('update', () => {
			const at = monoNow();
			const text = replyOf(stream.watcher.doc, stream.promptId)?.get('text');
			if (text instanceof Y.Text && text.length > 0) stream.arrivals.push({ at, length: text.length });
		});
		return stream;
	});
	for (let i = 0; i < sessions; i++) upstream.script(textReply(REPLY, PACE));
	const pid = server.child.pid!;
	let peak = rssMB(pid);
	const sampler = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 50);
	const started = { wall: performance.now(), server: cpuMs(pid), bench: process.cpuUsage() };
	for (const s of streams) appendMessage(s.sender.doc, { id: s.promptId, kind: 'user', text: s.prompt, state: 'queued', createdAt: Date.now(), meta: {} });
	await Promise.all(streams.map((s) => arrival(s.watcher.doc, () => replyOf(s.watcher.doc, s.promptId)?.get('state') === 'done', 120_000)));
	clearInterval(sampler);
	// How busy each side was: the delays are the server's only while the devices' process keeps up.
	const wall = performance.now() - started.wall;
	const benchCpu = process.cpuUsage(started.bench);
	const cpuShare = { server: (cpuMs(pid) - started.server) / wall, devices: (benchCpu.user + benchCpu.system) / 1000 / wall };

	const delays: number[] = [];
	for (let r = firstRequest; r < firstRequest + sessions; r++) {
		const { prompt, sent } = await upstream.request(r);
		const stream = streams.find((s) => s.prompt === prompt);
		if (!stream) throw new Error(`upstream request ${r} answered a prompt no session sent: ${prompt}`);
		if (sent.map((d) => d.text).join('') !== REPLY) throw new Error(`upstream request ${r} did not send the whole reply`);
		let end = 0;
		for (const { text, at } of sent) {
			end += text.length;
			const arrived = stream.arrivals.find((a) => a.length >= end);
			if (!arrived) throw new Error(`a token ending at ${end} never reached the second device`);
			delays.push(arrived.at - at);
		}
	}
	for (const s of streams) (s.sender.destroy(), s.watcher.destroy());
	return { sessions, peakRssMB: peak, delays: summarize(delays), cpuShare };
}

async function streamsCurve() {
	const upstream = await startUpstream(KEY);
	// Every session may stream at once: the bench's tenants are not the limit being measured.
	const server = await serve({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: upstream.url, TURNS_PER_TENANT: '100', PROMPTS_PER_MINUTE: '1000' });
	const steps = [];
	let request = 1;
	for (const sessions of STREAM_STEPS) {
		steps.push(await streamAtOnce(server, upstream, sessions, request));
		request += sessions;
	}
	await assertNothingShed(server.origin);
	await server.stop();
	await upstream.close();
	return steps;
}

await runBench('server-curves', async () => {
	buildServer();
	const docs = await documentsCurve();
	const streams = await streamsCurve();
	const figures: Figure[] = [];
	for (const step of docs) {
		const label = `${step.docs.toLocaleString('en')} live doc${step.docs === 1 ? '' : 's'}`;
		figures.push(
			figure(`curve.docs.${step.docs}.rss`, `Server RSS after a full GC, ${label} (2 devices each)`, 'MB', single(step.rssMB)),
			figure(`curve.docs.${step.docs}.sync`, `Sync latency, ${label}, one edit at a time`, 'ms', step.latency)
		);
	}
	for (const step of streams) {
		const label = `${step.sessions} session${step.sessions === 1 ? '' : 's'} streaming at once`;
		figures.push(
			figure(`curve.streams.${step.sessions}.delay`, `Token delay upstream -> 2nd device, ${label}`, 'ms', step.delays, undefined, `CPU busy: server ${Math.round(step.cpuShare.server * 100)}%, devices ${Math.round(step.cpuShare.devices * 100)}%`),
			figure(`curve.streams.${step.sessions}.rss`, `Server peak RSS, ${label}`, 'MB', single(step.peakRssMB))
		);
	}
	figures[0].note = `built server as npm start runs it; ${EDITS_PER_STEP} edits timed per step`;
	figures[2 * docs.length + 1].note = `${REPLY_CHARS}-char replies, ${PACE.chunkChars} chars every ${PACE.delayMs} ms, fake upstream in its own process`;
	return { figures, details: { docs, streams, editsPerStep: EDITS_PER_STEP, pace: PACE, replyChars: REPLY_CHARS } };
});
