// The two engines side by side against the local fake Anthropic server: time from starting a turn to its
// first streamed text token on the Messages API (`@anthropic-ai/sdk`, as engines/messages.ts streams) and
// on Claude Code (the Agent SDK running the real `claude` binary with the engine's options), Claude Code
// both started per turn, as the engine does today, and pre-started with the SDK's `startup()` (the process
// spawned and through its initialize handshake before the prompt exists). Then the resident memory of the
// `claude` process tree while a turn streams, for one agent and for several at once.
import Anthropic from '@anthropic-ai/sdk';
import { query, startup, type Options, type Query, type SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeAnthropic } from '../sync-server/src/demo/fake-anthropic';
import { textReply, type ScriptedReply } from '../sync-server/src/demo/script';
import { SHELL_TOOLS } from '../sync-server/src/runner/engines/claude-code';
import { agentEnv } from '../sync-server/src/runner/engines/claude-code/env';
import { ROOT } from '../tests/helpers/server-process';
import { figure, runBench, single } from './lib/figure';
import { summarize } from './lib/stats';
import { statusKb } from './lib/proc';

const SDK_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@anthropic-ai/claude-agent-sdk/package.json'), 'utf8')) as { version: string }).version;
const SAMPLES = Number(process.env.AGENT_SAMPLES ?? 5);
const MEMORY_SAMPLES = 3;
const AGENTS = 4;
const KEY = 'sk-ant-bench';
const MODEL = 'claude-sonnet-4-5';
const PROMPT = 'Say hello';
const QUICK = textReply('Hello from the fake. '.repeat(10), { chunkChars: 8 });
/** A reply that streams for about 3 s, so memory is read while the turn is running. */
const LONG = textReply('A reply that takes its time. '.repeat(60), { chunkChars: 6, delayMs: 10 });

let reply: ScriptedReply = QUICK;
const fake = await startFakeAnthropic({ apiKey: KEY, respond: () => reply });
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-agents-'));
const cwd = mkdtempSync(path.join(tmpdir(), 'bench-agents-work-'));

/** The options engines/claude-code/index.ts gives a turn, minus the approval callbacks no turn here needs. */
const agentOptions = async (): Promise<Options> => ({
	cwd,
	model: MODEL,
	permissionMode: 'default',
	includePartialMessages: true,
	settingSources: ['project'],
	env: await agentEnv({ dataDir, apiKey: KEY, baseUrl: fake.url, path: process.env.PATH }, 'bench'),
	disallowedTools: SHELL_TOOLS
});

const isFirstToken = (m: SDKMessage) => m.type === 'stream_event' && m.event.type === 'content_block_delta' && m.event.delta.type === 'text_delta';

/** Reads a Claude Code turn to its end; the time its first text token arrived after `t0`. */
async function firstToken(q: Query, t0: number, onToken = () => {}): Promise<number> {
	let at = Number.NaN;
	for await (const m of q) {
		if (Number.isNaN(at) && isFirstToken(m)) {
			at = performance.now() - t0;
			onToken();
		}
		if (m.type === 'result') break;
	}
	q.close();
	if (Number.isNaN(at)) throw new Error('the Claude Code turn streamed no text');
	return at;
}

async function claudeCold(): Promise<number> {
	const options = await agentOptions();
	const t0 = performance.now();
	return firstToken(query({ prompt: PROMPT, options }), t0);
}

/** How long `startup()` took (what pre-starting must hide), then the first token once the prompt is given. */
const startups: number[] = [];
async function claudeWarm(): Promise<number> {
	const options = await agentOptions();
	const started = performance.now();
	const warm = await startup({ options });
	startups.push(performance.now() - started);
	const t0 = performance.now();
	return firstToken(warm.query(PROMPT), t0);
}

const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
async function messagesApi(): Promise<number> {
	const t0 = performance.now();
	const stream = client.messages.stream({ model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: PROMPT }] });
	let at = Number.NaN;
	for await (const event of stream) {
		if (Number.isNaN(at) && event.type === 'content_block_delta' && event.delta.type === 'text_delta') at = performance.now() - t0;
	}
	if (Number.isNaN(at)) throw new Error('the Messages API reply streamed no text');
	return at;
}

/** Every process below this one: the `claude` processes the SDK spawned (the fake runs in this process). */
function descendants(pid: number): number[] {
	const children = (p: number) => {
		try {
			return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return [];
		}
	};
	const all: number[] = [];
	for (let next = children(pid); next.length > 0; next = next.flatMap(children)) all.push(...next);
	return all;
}

/** 0 once the process has ended (a `claude` child may end between the listing and the read). */
const rssBytes = (pid: number) => (statusKb(pid, 'VmRSS') ?? 0) * 1024;

/** The highest summed RSS of the agents' process tree, read every 100 ms while `agents` turns all stream. */
async function peakRss(agents: number): Promise<number> {
	reply = LONG;
	const options = await agentOptions();
	let streaming = 0;
	let peak = 0;
	const sampler = setInterval(() => {
		if (streaming < agents) return;
		peak = Math.max(peak, descendants(process.pid).reduce((sum, pid) => sum + rssBytes(pid), 0));
	}, 100);
	const onToken = () => void streaming++;
	await Promise.all(Array.from({ length: agents }, () => firstToken(query({ prompt: PROMPT, options }), performance.now(), onToken)));
	clearInterval(sampler);
	reply = QUICK;
	// The next reading starts with no agent left from this one.
	while (descendants(process.pid).length > 0) await new Promise((r) => setTimeout(r, 50));
	if (peak === 0) throw new Error('no memory reading while the agents ran');
	return peak;
}

async function samples(n: number, take: () => Promise<number>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < n; i++) out.push(await take());
	return out;
}

await runBench('agent-engines', async () => {
	// One turn of each first, so disk caches and the fake's JIT do not count against the first sample.
	await claudeCold();
	await messagesApi();
	const api = summarize(await samples(SAMPLES, messagesApi));
	const cold = summarize(await samples(SAMPLES, claudeCold));
	const warm = summarize(await samples(SAMPLES, claudeWarm));
	const mb = (bytes: number) => bytes / 1024 / 1024;
	const one = summarize((await samples(MEMORY_SAMPLES, () => peakRss(1))).map(mb));
	const many = summarize((await samples(MEMORY_SAMPLES, () => peakRss(AGENTS))).map((b) => mb(b) / AGENTS));
	await fake.close();
	rmSync(dataDir, { recursive: true, force: true });
	rmSync(cwd, { recursive: true, force: true });

	const ratio = (a: number, b: number) => single(a / b);
	const note = `${SAMPLES} turns each against the local fake; Agent SDK ${SDK_VERSION}, claude binary started by it`;
	return {
		figures: [
			figure('agents.ttft.messages', 'Engines: first token, Messages API', 'ms', api, undefined, note),
			figure('agents.ttft.claude', 'Engines: first token, Claude Code, process started per turn', 'ms', cold),
			figure('agents.ttft.claude-warm', 'Engines: first token, Claude Code, pre-started (startup())', 'ms', warm),
			figure('agents.startup', 'Engines: Claude Code startup() until ready for a prompt', 'ms', summarize(startups)),
			figure('agents.ttft.ratio', 'Engines: first token, Claude Code / Messages API (median)', '×', ratio(cold.median, api.median)),
			figure('agents.ttft.ratio-warm', 'Engines: first token, pre-started Claude Code / Messages API (median)', '×', ratio(warm.median, api.median)),
			figure('agents.rss.one', 'Engines: resident memory of one running Claude Code agent', 'MB', one, undefined, 'peak RSS of the claude process tree while a turn streams'),
			figure('agents.rss.each', `Engines: resident memory per agent, ${AGENTS} running at once`, 'MB', many)
		],
		details: { samples: SAMPLES, memorySamples: MEMORY_SAMPLES, agents: AGENTS, messagesApi: api, claudeCold: cold, claudeWarm: warm, claudeStartup: summarize(startups), rssOneMB: one, rssEachMB: many }
	};
});
