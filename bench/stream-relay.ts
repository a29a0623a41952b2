// Streaming relay: the fake Anthropic upstream (its own process) emits a 2,000-token reply as fast as it
// can; the real server (a child process, SQLite store, runner with its default batching) streams it into
// the session document; a second device receives it. For each token: the time from leaving the
// upstream to being in that device's document (one monotonic clock across the processes), and the bytes
// the device was sent per token.
import * as Y from 'yjs';
import { sessionDocName } from '../src/lib/core/docnames';
import { newId } from '../src/lib/core/ids';
import { appendMessage, messagesArray, type YMessage } from '../src/lib/core/ydoc';
import { textReply } from '../sync-server/src/demo/script';
import { RUNNER_DEFAULTS } from '../sync-server/src/runner/config';
import { startServer } from './lib/server';
import { monoNow } from './lib/clock';
import { arrival, benchDevice, whenSynced } from './lib/device';
import { figure, runBench } from './lib/figure';
import { cpuMs } from './lib/proc';
import { summarize } from './lib/stats';
import { startUpstream, type Upstream } from './lib/upstream';

const TOKENS = 2000;
const CHARS_PER_TOKEN = 4;
const RUNS = Number(process.env.STREAM_RUNS ?? 5);
const WARMUP_RUNS = 1;
const TOKEN = 'bench-token-0123456789';
const KEY = 'sk-ant-bench';

const WORDS = 'the quick brown fox jumps over a lazy dog while streaming tokens into shared documents'.split(' ');
const replyText = Array.from({ length: TOKENS * 2 }, (_, i) => WORDS[i % WORDS.length]).join(' ').slice(0, TOKENS * CHARS_PER_TOKEN);

interface Run {
	delays: number[];
	bytes: number;
	frames: number;
	/** Document updates the device applied while the reply streamed. */
	updates: number;
	/** CPU the server process spent on the turn. */
	serverCpuMs: number;
}

const replyOf = (doc: Y.Doc, promptId: string): YMessage | undefined =>
	messagesArray(doc)
		.toArray()
		.find((m) => m.get('kind') === 'assistant' && (m.get('meta') as { replyTo?: string } | undefined)?.replyTo === promptId);

async function relay(syncUrl: string, serverPid: number, upstream: Upstream, requestNo: number, pace: { delayMs?: number }): Promise<Run> {
	const name = sessionDocName(newId());
	const sender = benchDevice(syncUrl, name, { token: TOKEN });
	const watcher = benchDevice(syncUrl, name, { token: TOKEN });
	await Promise.all([whenSynced(sender.provider), whenSynced(watcher.provider)]);

	const promptId = newId();
	const arrivals: Array<{ at: number; length: number }> = [];
	let updates = 0;
	const onUpdate = () => {
		const at = monoNow();
		updates++;
		const text = replyOf(watcher.doc, promptId)?.get('text');
		if (text instanceof Y.Text && text.length > 0) arrivals.push({ at, length: text.length });
	};
	watcher.doc.on('update', onUpdate);
	upstream.script(textReply(replyText, { chunkChars: CHARS_PER_TOKEN, ...pace }));
	const bytesBefore = watcher.received.bytes;
	const framesBefore = watcher.received.frames;
	const cpuBefore = cpuMs(serverPid);
	appendMessage(sender.doc, { id: promptId, kind: 'user', text: 'Write 2,000 tokens', state: 'queued', createdAt: Date.now(), meta: {} });
	await arrival(watcher.doc, () => replyOf(watcher.doc, promptId)?.get('state') === 'done', 60_000);
	watcher.doc.off('update', onUpdate);
	const serverCpuMs = cpuMs(serverPid) - cpuBefore;

	const sent = await upstream.sent(requestNo);
	if (sent.map((s) => s.text).join('') !== replyText) throw new Error('the upstream did not send the whole reply');
	let end = 0;
	const delays = sent.map(({ text, at }) => {
		end += text.length;
		const arrived = arrivals.find((a) => a.length >= end);
		if (!arrived) throw new Error(`token ending at ${end} never arrived`);
		return arrived.at - at;
	});
	const run = { delays, bytes: watcher.received.bytes - bytesBefore, frames: watcher.received.frames - framesBefore, updates, serverCpuMs };
	sender.destroy();
	watcher.destroy();
	return run;
}

async function series(syncUrl: string, serverPid: number, upstream: Upstream, first: number, pace: { delayMs?: number }) {
	const runs: Run[] = [];
	for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
		const run = await relay(syncUrl, serverPid, upstream, first + i, pace);
		if (i >= WARMUP_RUNS) runs.push(run);
	}
	return {
		delays: summarize(runs.flatMap((r) => r.delays)),
		bytesPerToken: summarize(runs.map((r) => r.bytes / TOKENS)),
		updatesPerReply: summarize(runs.map((r) => r.updates)),
		framesPerReply: summarize(runs.map((r) => r.frames)),
		serverCpuMsPerReply: summarize(runs.map((r) => r.serverCpuMs))
	};
}

await runBench('stream-relay', async () => {
	const upstream = await startUpstream(KEY);
	const server = await startServer({
		env: { AUTH_TOKENS: `bench:${TOKEN}`, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: upstream.url }
	});
	const syncUrl = `${server.origin.replace(/^http/, 'ws')}/sync`;
	const burst = await series(syncUrl, server.child.pid!, upstream, 1, {});
	// A paced stream as well, one token per millisecond or so: closer to a real reply's rhythm.
	const paced = await series(syncUrl, server.child.pid!, upstream, 1 + WARMUP_RUNS + RUNS, { delayMs: 1 });
	await server.stop();
	await upstream.close();

	const note = `${TOKENS} tokens of ${CHARS_PER_TOKEN} chars, ${RUNS} replies; runner flushMs ${RUNNER_DEFAULTS.flushMs}`;
	const perToken = (cpu: { median: number; p99: number; n: number }) => ({ median: (cpu.median * 1000) / TOKENS, p99: (cpu.p99 * 1000) / TOKENS, n: cpu.n });
	return {
		figures: [
			figure('stream.burst.delay', 'Stream relay: token delay upstream -> 2nd device, as fast as it can', 'ms', burst.delays, { on: 'p99', max: 5 }, note),
			figure('stream.burst.bytes', 'Stream relay: bytes sent to the 2nd device per token', 'B', burst.bytesPerToken),
			figure('stream.burst.cpu', 'Stream relay: server CPU per token, as fast as it can', 'µs', perToken(burst.serverCpuMsPerReply)),
			figure('stream.paced.delay', 'Stream relay: token delay, paced at 1 token per ms', 'ms', paced.delays, { on: 'p99', max: 5 }),
			figure('stream.paced.bytes', 'Stream relay: bytes per token, paced', 'B', paced.bytesPerToken),
			figure('stream.paced.cpu', 'Stream relay: server CPU per token, paced', 'µs', perToken(paced.serverCpuMsPerReply))
		],
		details: { tokens: TOKENS, charsPerToken: CHARS_PER_TOKEN, runs: RUNS, warmupRuns: WARMUP_RUNS, burst, paced }
	};
});
