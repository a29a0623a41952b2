// The app at scale in Chromium: a device holding 1,000 sessions and 100,000 messages in IndexedDB (seeded
// directly, in the app's steady state). Per navigation: the time from navigation start until the session
// list is usable, then the time from clicking a 10,000-message session until its newest message shows.
// Offline (context.setOffline) when a service worker controls the page; otherwise the same navigation
// online, from the local server with warm caches, and the result says which was measured.
// Then the same session on a device that never had it: it exists on the server only, and each run is a
// fresh browser context that signs in, sees the list through the index doc and clicks the session.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunch } from '../playwright.config';
import { DB_NAME } from '../src/lib/db/names';
import { ROOT } from '../tests/helpers/server-process';
import { seedOnServer } from '../tests/helpers/server-seed';
import { manyMessages, newSession, sessionUpdate } from '../tests/e2e/seed';
import { startServer } from './lib/server';
import { deviceData } from './lib/device-data';
import { figure, runBench } from './lib/figure';
import { summarize } from './lib/stats';

const SESSIONS = 1000;
const MESSAGES = 100_000;
const LONG = 10_000;
const RUNS = Number(process.env.BROWSER_RUNS ?? 10);
const UNSEEN_RUNS = Number(process.env.BROWSER_UNSEEN_RUNS ?? 6);
const TENANT = 'bench';
const TOKEN = 'bench-browser-scale-token-0123456789';
const PROBE = fileURLToPath(new URL('./lib/probe.js', import.meta.url));
const SCREEN = { key: 'screen', openIds: [], activeId: null, sessionsPanel: true };

const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
	page.evaluate(`window.__bench.${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;

async function listUsable(page: Page): Promise<number> {
	return (await page.evaluate('window.__bench.listShown')) as number;
}

/** A fresh device signs in, shows the list and clicks `title`: ms from the click until `tail` shows. */
async function openUnseen(browser: Browser, origin: string, title: string, tail: string): Promise<number> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	try {
		await context.addInitScript({ content: `window.__BENCH_CONFIG = ${JSON.stringify({ firstTitle: title })};` });
		await context.addInitScript({ path: PROBE });
		const page = await context.newPage();
		await page.goto(`${origin}/signin#token=${TOKEN}`);
		await page.waitForURL(`${origin}/`);
		await page.getByRole('button', { name: 'Sessions' }).click();
		await listUsable(page);
		return await call<number>(page, 'openUntilTail', title, tail);
	} finally {
		await context.close();
	}
}

await runBench('browser-scale', async () => {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build: run `npx vite build` first (run.ts does)');
	const data = deviceData(SESSIONS, MESSAGES, LONG);
	const server = await startServer({ env: { AUTH_TOKENS: `${TENANT}:${TOKEN}` } });
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
		// The seeded device is done with; the unseen runs each bring a context of their own.
		await context.close();

		const remote = newSession(data.longTitle);
		const syncUrl = `${server.origin.replace(/^http/, 'ws')}/sync`;
		await seedOnServer(syncUrl, TOKEN, remote, sessionUpdate(manyMessages(LONG, remote.createdAt - LONG * 1000)));
		const unseen: number[] = [];
		for (let i = 0; i < UNSEEN_RUNS; i++) unseen.push(await openUnseen(browser, server.origin, data.longTitle, data.longTail));

		const mode = serviceWorker ? 'offline, served by the service worker' : 'online reload from the local server (no service worker yet), warm HTTP cache';
		return {
			figures: [
				figure('browser.list', `Navigation to usable session list (${SESSIONS} sessions, ${MESSAGES / 1000}k messages)`, 'ms', summarize(list), { on: 'median', max: 1000 }, mode),
				figure('browser.tail', `Open a ${LONG / 1000}k-message session until its newest message shows`, 'ms', summarize(tail), { on: 'median', max: 100 }),
				figure(
					'browser.tail-unseen',
					`Open a ${LONG / 1000}k-message session on a device that never had it, until its newest message shows`,
					'ms',
					summarize(unseen),
					{ on: 'median', max: 300 },
					'fresh signed-in device; the session on the server only'
				)
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
				tailMs: summarize(tail),
				unseenRuns: UNSEEN_RUNS,
				unseenMs: summarize(unseen)
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
});
