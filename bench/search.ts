// Offline search in Chromium over 1,000 sessions and 100,000 messages seeded into IndexedDB (with their
// mirrored rows, the app's steady state). Measures: building the index on first use (no saved copy),
// loading the saved copy on a cold start, and per keystroke of typed queries the time until the results
// for that text are on screen.
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunch } from '../playwright.config';
import { DB_NAME } from '../src/lib/db/names';
import { ROOT } from '../tests/helpers/server-process';
import { deviceData } from './lib/device-data';
import { figure, runBench } from './lib/figure';
import { corpusMaker, VOCABULARY } from './lib/search-corpus';
import { startServer } from './lib/server';
import { summarize } from './lib/stats';

const SESSIONS = Number(process.env.SEARCH_SESSIONS ?? 1000);
const MESSAGES = Number(process.env.SEARCH_MESSAGES ?? 100_000);
const LOADS = Number(process.env.SEARCH_LOADS ?? 3);
const PROBES = [fileURLToPath(new URL('./lib/probe.js', import.meta.url)), fileURLToPath(new URL('./lib/search-probe.js', import.meta.url))];
/** Typed as people do: one word, a word and the start of another, a file name, a rare pair. */
const QUERIES = [
	'handshake',
	'socket timeout',
	'parser token',
	'login.spec',
	'migration rollback',
	'garbage collector',
	'latency',
	'retry handshake',
	'memory leak',
	'changelog release',
	...VOCABULARY.slice(40, 50)
];

const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
	page.evaluate(`window.${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;

async function openApp(page: Page, origin: string) {
	await page.goto(`${origin}/`);
	await page.getByRole('button', { name: 'New session' }).waitFor();
	await page.getByText('Opening local storage…').waitFor({ state: 'detached' });
}

await runBench('search', async () => {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build: run `npx vite build` first (run.ts does)');
	const data = deviceData(SESSIONS, MESSAGES, MESSAGES / 10, corpusMaker());
	const server = await startServer();
	const browser = await chromium.launch(chromiumLaunch);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	for (const path of PROBES) await context.addInitScript({ path });
	const page = await context.newPage();
	try {
		await openApp(page, server.origin);
		for (const batch of data.batches) await call(page, '__bench.put', DB_NAME, batch);
		await openApp(page, server.origin);

		page.on('console', (message) => console.error('page:', message.text()));
		const buildMs = await call<number>(page, '__searchBench.openSearch');
		console.error('built in', buildMs);
		const keystrokes: number[] = [];
		let resultsShown = 0;
		for (const query of QUERIES) {
			const { times, results } = await call<{ times: number[]; results: number }>(page, '__searchBench.type', query);
			keystrokes.push(...times);
			resultsShown += results;
		}
		await page.waitForFunction(`window.__searchBench.saved(${JSON.stringify(DB_NAME)}).then((n) => n > 0)`, undefined, { timeout: 120_000, polling: 500 });
		const savedChars = await call<number>(page, '__searchBench.saved', DB_NAME);

		const loads: number[] = [];
		for (let i = 0; i < LOADS; i++) {
			await openApp(page, server.origin);
			loads.push(await call<number>(page, '__searchBench.openSearch'));
		}
		const typed = summarize(keystrokes);
		return {
			figures: [
				figure('search.keystroke', `Search ${MESSAGES / 1000}k messages: keystroke to results on screen`, 'ms', typed, { on: 'median', max: 30 }, `${typed.n} keystrokes over ${QUERIES.length} typed queries`),
				figure('search.build', `Search index build on first use (${MESSAGES / 1000}k messages, from IndexedDB)`, 'ms', summarize([buildMs])),
				figure('search.load', 'Search index load on a cold start (saved copy)', 'ms', summarize(loads), undefined, `saved index ${(savedChars / 1024 / 1024).toFixed(1)} M characters`)
			],
			details: {
				sessions: data.sessions,
				messages: data.messages,
				queries: QUERIES,
				resultsShown,
				savedIndexChars: savedChars,
				buildMs,
				loadMs: summarize(loads),
				keystrokeMs: typed,
				chromium: browser.version()
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
});
