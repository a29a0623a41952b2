// A reply streaming onto the screen of a device that did not send the prompt: each text delta leaves the
// fake Anthropic upstream (its own process), goes through the server's runner into the session document,
// over sync to device B (Chromium, the built app, signed in like a person, the session open) and into B's
// DOM. Per delta: the time from leaving the upstream until B's DOM shows it (a MutationObserver, right
// after the change), on one monotonic clock (the page's performance.now() is mapped to it by round trips).
// Two paces: Claude's (about 70 tokens a second: 8 characters every 30 ms, two replies) and a burst of 600
// deltas of 16 characters 2 ms apart (about 500 a second), where the figure is how far behind B's screen is.
// The details split each delay at the sync frame's arrival in B's page, give the next animation frame, the
// first delta of each reply, and B's main-thread time per delta (Chromium's TaskDuration counter).
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunch } from '../playwright.config';
import { textReply } from '../sync-server/src/demo/script';
import { RUNNER_DEFAULTS } from '../sync-server/src/runner/config';
import { ROOT } from '../tests/helpers/server-process';
import { monoNow } from './lib/clock';
import { figure, runBench } from './lib/figure';
import { markdownReply } from './lib/markdown-reply';
import { startServer } from './lib/server';
import { summarize } from './lib/stats';
import { startUpstream, type Upstream } from './lib/upstream';

const TOKEN = 'bench-token-relay-screen-0123456789';
const KEY = 'sk-ant-bench';
const PROBE = fileURLToPath(new URL('./lib/relay-probe.js', import.meta.url));

interface Pace {
	name: string;
	chunkChars: number;
	delayMs: number;
	deltas: number;
	replies: number;
}
/** Claude streams about 30-80 tokens a second, an SSE delta every 20-40 ms holding a few tokens. */
const CLAUDE: Pace = { name: 'claude', chunkChars: 8, delayMs: 30, deltas: 200, replies: 2 };
/** Text arriving faster than a browser can store one update per delta (what the runner's batching is for). */
const BURST: Pace = { name: 'burst', chunkChars: 16, delayMs: 2, deltas: 600, replies: 1 };
/**
 * A first reply of one whole section loads what a page loads once (the Markdown renderer, the docs layer,
 * highlight.js compiling the code block's grammar on its first use: tens of milliseconds).
 */
const WARMUP: Pace = { name: 'warm-up', chunkChars: 8, delayMs: 30, deltas: 60, replies: 1 };

/** Letters and digits: what the probe counts in B's DOM (see relay-probe.js). */
const visible = (text: string) => text.match(/[A-Za-z0-9]/g)?.length ?? 0;

interface Delta {
	/** Upstream → B's DOM, ms. */
	dom: number;
	/** Upstream → the sync frame that carried it reached B's page. */
	frame: number;
	/** Upstream → the animation frame after the DOM change. */
	paint: number;
}

async function signedIn(browser: Browser, origin: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: origin });
	await context.addInitScript({ path: PROBE });
	const page = await context.newPage();
	await page.goto(`/signin#token=${TOKEN}`);
	await page.waitForURL(/\/$/);
	await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
	return page;
}

/** What to add to a performance.now() of `page` to get monoNow(): from the round trip that took least time. */
async function pageClock(page: Page): Promise<number> {
	let best = { rtt: Infinity, offset: 0 };
	for (let i = 0; i < 30; i++) {
		const before = monoNow();
		const pageNow = await page.evaluate('performance.now()');
		const after = monoNow();
		if (after - before < best.rtt) best = { rtt: after - before, offset: (before + after) / 2 - (pageNow as number) };
	}
	return best.offset;
}

type Seen = Array<[number, number]>;

let requests = 0;
async function reply(upstream: Upstream, a: Page, b: Page, pace: Pace, text: string): Promise<Delta[]> {
	const offset = await pageClock(b);
	await b.evaluate('window.__relay.watch()');
	upstream.script(textReply(text, { chunkChars: pace.chunkChars, delayMs: pace.delayMs }));
	const prompt = a.getByRole('textbox', { name: 'Prompt' });
	await prompt.fill(`Reply at the ${pace.name} pace`);
	await prompt.press('Enter');
	const request = ++requests;
	await b.evaluate(`window.__relay.until(${visible(text)}, 60000)`);
	// The frame that paints the last change (its requestAnimationFrame callback was asked for first).
	await b.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
	const { seen, frames, painted } = (await b.evaluate('({ seen: __relay.seen, frames: __relay.frames, painted: __relay.painted })')) as { seen: Seen; frames: Seen; painted: Seen };
	const sent = await upstream.sent(request);
	if (sent.map((s) => s.text).join('') !== text) throw new Error(`request ${request} was not this reply`);

	const mono = (at: number) => at + offset;
	const deltas: Delta[] = [];
	let end = 0;
	let before = 0;
	for (const { text: delta, at } of sent) {
		end += delta.length;
		const want = visible(text.slice(0, end));
		// A delta of markup alone (a fence, a list marker) changes no visible character to wait for.
		if (want === before) continue;
		before = want;
		const shown = seen.find(([, count]) => count >= want);
		const paintedAt = painted.find(([, count]) => count >= want);
		if (!shown || !paintedAt) throw new Error(`the delta ending at ${end} never showed`);
		const carrier = frames.filter(([t]) => t <= shown[0]).at(-1);
		deltas.push({ dom: mono(shown[0]) - at, frame: carrier ? mono(carrier[0]) - at : Number.NaN, paint: mono(paintedAt[0]) - at });
	}
	return deltas;
}

/** Seconds B's main thread spent in tasks (script, style, layout, IndexedDB calls), from Chromium's counters. */
async function busySeconds(cdp: CDPSession): Promise<number> {
	const { metrics } = await cdp.send('Performance.getMetrics');
	return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

async function series(upstream: Upstream, a: Page, b: Page, cdp: CDPSession, pace: Pace) {
	const text = markdownReply({ chars: pace.deltas * pace.chunkChars });
	const deltas: Delta[] = [];
	const firsts: number[] = [];
	const busyBefore = await busySeconds(cdp);
	for (let i = 0; i < pace.replies; i++) {
		const measured = await reply(upstream, a, b, pace, text);
		firsts.push(measured[0].dom);
		deltas.push(...measured);
	}
	const of = (key: keyof Delta) => summarize(deltas.map((d) => d[key]).filter(Number.isFinite));
	const clientMs = summarize(deltas.filter((d) => Number.isFinite(d.frame)).map((d) => d.dom - d.frame));
	const busyMsPerDelta = ((await busySeconds(cdp)) - busyBefore) * 1000 / (pace.deltas * pace.replies);
	return { pace, chars: text.length, timed: deltas.length, dom: of('dom'), frame: of('frame'), clientMs, paint: of('paint'), firstDeltaMs: firsts, busyMsPerDelta };
}

await runBench('relay-screen', async () => {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build: run `npx vite build` first (run.ts does)');
	const upstream = await startUpstream(KEY);
	const server = await startServer({ env: { AUTH_TOKENS: `bench:${TOKEN}`, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: upstream.url } });
	const browser = await chromium.launch(chromiumLaunch);
	try {
		const a = await signedIn(browser, server.origin);
		const b = await signedIn(browser, server.origin);
		await a.getByRole('button', { name: 'New session' }).click();
		await a.getByRole('textbox', { name: 'Session name' }).fill('Relay bench');
		await a.getByRole('button', { name: 'Create' }).click();
		await b.getByRole('button', { name: 'Sessions' }).click();
		await b.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Relay bench' }).click();
		await b.getByRole('heading', { name: 'Relay bench' }).waitFor();

		const cdp = await b.context().newCDPSession(b);
		await cdp.send('Performance.enable');
		await series(upstream, a, b, cdp, WARMUP);
		const claude = await series(upstream, a, b, cdp, CLAUDE);
		const burst = await series(upstream, a, b, cdp, BURST);
		const pace = (p: Pace) => `${p.chunkChars} characters every ${p.delayMs} ms, ${p.replies * p.deltas} deltas`;
		const split = (s: typeof claude) =>
			`to B's socket p50 ${s.frame.median.toFixed(1)} ms, socket to DOM p50 ${s.clientMs.median.toFixed(1)} ms; B's main thread busy ${s.busyMsPerDelta.toFixed(1)} ms per delta`;
		return {
			figures: [
				figure('relay.claude', "Reply on the 2nd device's screen: upstream token -> B's DOM, Claude's pace", 'ms', claude.dom, { on: 'median', max: 16 }, `${pace(CLAUDE)} in ${CLAUDE.replies} replies; ${split(claude)}`),
				figure('relay.claude.p99', "Reply on the 2nd device's screen, Claude's pace: p99", 'ms', claude.dom, { on: 'p99', max: 50 }),
				figure('relay.burst', "Reply on the 2nd device's screen: how far behind in a 600-delta burst", 'ms', burst.dom, { on: 'p99', max: 100 }, `${pace(BURST)}; ${split(burst)}; runner flushMs ${RUNNER_DEFAULTS.flushMs}`)
			],
			details: { claude, burst, runnerFlushMs: RUNNER_DEFAULTS.flushMs, chromium: browser.version() }
		};
	} finally {
		await browser.close();
		await server.stop();
		await upstream.close();
	}
});
