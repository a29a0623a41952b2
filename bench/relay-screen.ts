// Time for Claude's text to travel from the upstream to the screen of a device that did not send the
// prompt: a text delta leaves the fake Anthropic API (in this process), goes through the runner into the
// session doc, over sync to device B (a Chromium page signed in like a person), through its IndexedDB
// mirror into the rendered Markdown. Measured when B's DOM holds the text (a MutationObserver), per delta.
// Prints JSON percentiles for two paces, and writes them to --out <file> if given.
import { chromium, type Browser, type Page } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromiumLaunch } from '../playwright.config';
import { startFakeAnthropic } from '../sync-server/src/demo/fake-anthropic';
import { RUNNER_DEFAULTS } from '../sync-server/src/runner/config';
import { textReply } from '../sync-server/src/demo/script';
import { spawnServer } from '../tests/helpers/server-process';

const TOKEN = 'tok-bench-relay-screen-0123456789';
/** One paragraph of plain words, so the rendered text is the raw text (lengths compare one to one). */
const TEXT = Array.from({ length: 1600 }, (_, i) => `w${String(i).padStart(4, '0')}`).join(' ');
const PACES = [
	// About what the API does for a fast model: a few tokens per delta, a delta every 40 ms.
	{ name: 'claude-like', chunkChars: 12, delayMs: 40, chars: 3000 },
	// A burst: 16 characters every 2 ms, the runner's batching and the mirror's coalescing at work.
	{ name: 'burst', chunkChars: 16, delayMs: 2, chars: TEXT.length }
];

const fake = await startFakeAnthropic();
const server = await spawnServer({
	env: { ANTHROPIC_API_KEY: 'bench-key', ANTHROPIC_BASE_URL: fake.url, AUTH_TOKENS: `bench:${TOKEN}`, CLAUDE_MODEL: 'claude-sonnet-5-5' }
});
const browser = await chromium.launch(chromiumLaunch);

async function signedIn(b: Browser): Promise<Page> {
	const context = await b.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await page.goto(`/signin#token=${TOKEN}`);
	await page.waitForURL(/\/$/);
	await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
	return page;
}

/**
 * Runs in B's page (as source text: tsx would wrap named functions in a helper the page lacks). Records
 * [epoch ms, text length] whenever the reply grows; only the reply to this run's prompt counts, so rows
 * already in the log (earlier replies) are ignored.
 */
const WATCH = `(() => {
	const logEl = document.querySelector('[role="log"]');
	const rows = () => [...logEl.querySelectorAll('.row')].filter((r) => r.querySelector('[data-kind="assistant"]'));
	window.__seen = [];
	window.__known = new Set(rows().map((r) => r.dataset.id));
	new MutationObserver(() => {
		const row = rows().find((r) => !window.__known.has(r.dataset.id));
		if (!row) return;
		const length = row.querySelector('.markdown')?.textContent?.trim().length ?? 0;
		const last = window.__seen.at(-1);
		if (!last || last[1] !== length) window.__seen.push([performance.timeOrigin + performance.now(), length]);
	}).observe(logEl, { subtree: true, childList: true, characterData: true });
})()`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x: number) => Math.round(x * 10) / 10;

async function measure(a: Page, b: Page, pace: (typeof PACES)[number]) {
	const text = TEXT.slice(0, pace.chars).trimEnd();
	await b.evaluate(WATCH);
	const before = fake.requests.length;
	fake.script(textReply(text, { chunkChars: pace.chunkChars, delayMs: pace.delayMs }));
	await a.getByRole('textbox', { name: 'Prompt' }).fill(`Reply at the ${pace.name} pace`);
	await a.getByRole('textbox', { name: 'Prompt' }).press('Enter');
	await b.waitForFunction(
		(want) => {
			const seen = (window as unknown as { __seen: Array<[number, number]> }).__seen;
			return seen.at(-1)?.[1] === want;
		},
		text.length,
		{ timeout: 60_000 }
	);
	const seen = await b.evaluate(() => (window as unknown as { __seen: Array<[number, number]> }).__seen);
	const sent = fake.requests[before].sent;
	let end = 0;
	const delays = sent.map(({ text: delta, at }) => {
		end += delta.length;
		const want = text.slice(0, end).trimEnd().length;
		const arrived = seen.find(([, length]) => length >= want);
		return arrived ? arrived[0] - (performance.timeOrigin + at) : Number.NaN;
	});
	const sorted = delays.filter(Number.isFinite).sort((x, y) => x - y);
	return {
		pace: pace.name,
		deltas: sent.length,
		chars: text.length,
		chunkChars: pace.chunkChars,
		delayMs: pace.delayMs,
		p50: round(percentile(sorted, 50)),
		p90: round(percentile(sorted, 90)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.at(-1)!),
		renders: seen.length,
		missing: delays.length - sorted.length
	};
}

const runs = [];
try {
	const a = await signedIn(browser);
	const b = await signedIn(browser);
	await a.getByRole('button', { name: 'New session' }).click();
	await a.getByRole('textbox', { name: 'Session name' }).fill('Relay bench');
	await a.getByRole('button', { name: 'Create' }).click();
	await b.getByRole('button', { name: 'Sessions' }).click();
	await b.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Relay bench' }).click();
	await b.getByRole('heading', { name: 'Relay bench' }).waitFor();
	for (const pace of PACES) runs.push(await measure(a, b, pace));
} finally {
	await browser.close();
	await server.kill('SIGTERM');
	await fake.close();
	rmSync(server.dataDir, { recursive: true, force: true });
}

const result = {
	bench: 'relay-screen',
	unit: 'ms',
	what: 'text delta leaving the fake upstream -> in the DOM of device B (Chromium), through runner, server, sync, IndexedDB mirror, Markdown',
	runs,
	/** How often the runner writes streamed text: what the burst run depends on most. */
	runnerFlushMs: RUNNER_DEFAULTS.flushMs,
	node: process.version,
	at: new Date().toISOString()
};
const json = JSON.stringify(result, null, 2);
console.log(json);
const out = process.argv.indexOf('--out');
if (out > 0 && process.argv[out + 1]) writeFileSync(process.argv[out + 1], json + '\n');
