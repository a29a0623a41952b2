// The app at scale in Chromium: a device holding 1,000 sessions and 100,000 messages in IndexedDB (seeded
// directly, in the app's steady state). Per navigation: the time from navigation start until the session
// list is usable, then the time from clicking a 10,000-message session until its newest message shows.
// Offline (context.setOffline) when a service worker controls the page; otherwise the same navigation
// online, from the local server with warm caches, and the result says which was measured.
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunch } from '../playwright.config';
import { DB_NAME } from '../src/lib/db/names';
import { ROOT } from '../tests/helpers/server-process';
import { startServer } from './lib/server';
import { deviceData } from './lib/device-data';
import { figure, runBench } from './lib/figure';
import { summarize } from './lib/stats';

const SESSIONS = 1000;
const MESSAGES = 100_000;
const LONG = 10_000;
const RUNS = Number(process.env.BROWSER_RUNS ?? 10);
const PROBE = fileURLToPath(new URL('./lib/probe.js', import.meta.url));
const SCREEN = { key: 'screen', openIds: [], activeId: null, sessionsPanel: true };

const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
	page.evaluate(`window.__bench.${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;

async function listUsable(page: Page): Promise<number> {
	return (await page.evaluate('window.__bench.listShown')) as number;
}

await runBench('browser-scale', async () => {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build: run `npx vite build` first (run.ts does)');
	const data = deviceData(SESSIONS, MESSAGES, LONG);
	const server = await startServer();
	const browser = await chromium.launch(chromiumLaunch);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await context.addInitScript({ content: `window.__BENCH_CONFIG = ${JSON.stringify({ firstTitle: data.longTitle })};` });
	await context.addInitScript({ path: PROBE });
	const page = await context.newPage();
	try {
		await page.goto(`${server.origin}/`);
		await page.getByRole('button', { name: 'New session' }).waitFor();
		await page.getByText('Opening local storage…').waitFor({ state: 'detached' });
		const stores = await call<string[]>(page, 'storeNames', DB_NAME);
		const missing = data.batches.map((b) => b.store).filter((s) => !stores.includes(s));
		if (missing.length > 0) throw new Error(`the app's database has no ${missing.join(', ')} store: update bench/lib/device-data.ts`);
		const seeding = performance.now();
		for (const batch of data.batches) await call(page, 'put', DB_NAME, batch);
		const seedMs = performance.now() - seeding;

		await call(page, 'put', DB_NAME, { store: 'screen', rows: [SCREEN] });
		await page.reload();
		await listUsable(page);
		const serviceWorker = (await page.evaluate('Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)')) as boolean;
		if (serviceWorker) await context.setOffline(true);

		const list: number[] = [];
		const tail: number[] = [];
		let listItems = 0;
		for (let i = 0; i <= RUNS; i++) {
			await call(page, 'put', DB_NAME, { store: 'screen', rows: [SCREEN] });
			await page.goto(`${server.origin}/`);
			const listAt = await listUsable(page);
			const tailMs = await call<number>(page, 'openUntilTail', data.longTitle, data.longTail);
			listItems = (await page.evaluate('window.__bench.listItems')) as number;
			// The first navigation after seeding warms caches and is not counted.
			if (i === 0) continue;
			list.push(listAt);
			tail.push(tailMs);
		}
		const mode = serviceWorker ? 'offline, served by the service worker' : 'online reload from the local server (no service worker yet), warm HTTP cache';
		return {
			figures: [
				figure('browser.list', `Navigation to usable session list (${SESSIONS} sessions, ${MESSAGES / 1000}k messages)`, 'ms', summarize(list), { on: 'median', max: 1000 }, mode),
				figure('browser.tail', `Open a ${LONG / 1000}k-message session until its newest message shows`, 'ms', summarize(tail), { on: 'median', max: 150 })
			],
			details: {
				sessions: data.sessions,
				messages: data.messages,
				longSession: LONG,
				runs: RUNS,
				mode,
				serviceWorker,
				listItemsRendered: listItems,
				seedMs: Math.round(seedMs),
				chromium: browser.version(),
				listMs: summarize(list),
				tailMs: summarize(tail)
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
});
