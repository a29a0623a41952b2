// Installability, the way Lighthouse and Chromium judge it: a valid manifest with the required fields and
// icons, a service worker that controls the page, a start URL that answers offline; and a worker that
// precaches the shell but never caches API, sync or health traffic.
import { chromium, expect, test } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import type { ServerProcess } from '../helpers/server-process';
import { openRunner } from './runner';
import { cachedPaths, startAppServer, waitForWorker } from './pwa-server';

// One app server on a fixed port per file (the worker's origin): its tests share it, in order, in one worker.
test.describe.configure({ mode: 'default' });

let server: ServerProcess;
test.beforeAll(async () => {
	server = await startAppServer(4342);
});
test.afterAll(async () => {
	await server?.kill();
});

interface Manifest {
	name: string;
	short_name: string;
	start_url: string;
	scope: string;
	display: string;
	icons: { src: string; sizes: string; purpose?: string }[];
	screenshots: { src: string; form_factor?: string }[];
}

test('the manifest, worker script and workbox runtime are served fresh with the right types', async ({ request }) => {
	const manifest = await request.get(`${server.origin}/manifest.webmanifest`);
	expect(manifest.status()).toBe(200);
	expect(manifest.headers()['content-type']).toContain('application/manifest+json');
	expect(manifest.headers()['cache-control']).toBe('no-cache');
	const body = (await manifest.json()) as Manifest;
	expect(body).toMatchObject({ name: 'Session Runner', short_name: 'Sessions', start_url: '/', scope: '/', display: 'standalone' });
	for (const image of [...body.icons, ...body.screenshots]) {
		const res = await request.get(`${server.origin}${image.src}`);
		expect(res.status(), image.src).toBe(200);
		expect(res.headers()['content-type'], image.src).toMatch(/^image\//);
	}

	const worker = await request.get(`${server.origin}/sw.js`);
	expect(worker.status()).toBe(200);
	expect(worker.headers()['content-type']).toMatch(/javascript/);
	expect(worker.headers()['cache-control']).toBe('no-cache');
	const runtime = /"\.\/(workbox-[\w-]+)"/.exec(await worker.text())?.[1];
	expect(runtime).toBeTruthy();
	const workbox = await request.get(`${server.origin}/${runtime}.js`);
	expect(workbox.status()).toBe(200);
	expect(workbox.headers()['cache-control']).toBe('no-cache');
});

test('Chromium finds the app installable: manifest without errors, worker controlling the page', async () => {
	// Chromium never offers installation in an incognito-like context, which is what Playwright's are.
	const context = await chromium.launchPersistentContext('', chromiumLaunch);
	const page = context.pages()[0] ?? (await context.newPage());
	await openRunner(page, server.origin);
	await waitForWorker(page);
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

	const cdp = await page.context().newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.url).toBe(`${server.origin}/manifest.webmanifest`);
	expect(manifest.errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);

	const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
	expect(scope).toBe(`${server.origin}/`);
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('dialog', { name: 'Settings' })).toContainText('Works offline yes');
	await context.close();
});

test('the worker precaches the shell and every script of the page, and nothing from the API', async ({ page }) => {
	await openRunner(page, server.origin);
	await waitForWorker(page);
	// Traffic that must stay live goes through the controlled page at least once.
	const live = await page.evaluate(async () => {
		const health = await fetch('/health');
		const api = await fetch('/api/config');
		return [health.status, api.status];
	});
	expect(live[0]).toBe(200);

	const cached = await cachedPaths(page);
	expect(cached).toContain('/200.html');
	expect(cached).toContain('/manifest.webmanifest');
	const scripts = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.startsWith('/_app/immutable/'))
	);
	expect(scripts.length).toBeGreaterThan(3);
	for (const script of scripts) expect(cached).toContain(script);
	expect(cached.filter((path) => /^\/(api|sync|health)/.test(path))).toEqual([]);
});

test('the start URL answers from the worker with the network gone, and live paths do not', async ({ page, context }) => {
	await openRunner(page, server.origin);
	await waitForWorker(page);
	await context.setOffline(true);
	await openRunner(page, `${server.origin}/`);
	await expect(page.getByRole('status')).toContainText('Offline');
	const live = await page.evaluate(async () => {
		const reach = (path: string) => fetch(path).then((res) => `http ${res.status}`, () => 'network error');
		return { health: await reach('/health'), api: await reach('/api/config') };
	});
	expect(live).toEqual({ health: 'network error', api: 'network error' });
	await context.setOffline(false);
});
