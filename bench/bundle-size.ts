// What the first page load costs: a new browser profile opens `/` from the real server (which serves the
// build uncompressed), and every JavaScript and CSS response the page fetches until the network is idle
// is gzipped here (zlib's default level, as a compressing server or CDN would send it). The first load's
// JavaScript is broken down by package (or app folder), from the build's hidden source maps; the biggest
// chunks are listed with what they are made of. What a screen loads later (a dialog, a session, the
// Yjs docs layer once signed in) is not part of the first load.
import { chromium, type Response } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromiumLaunch } from '../playwright.config';
import { ROOT } from '../tests/helpers/server-process';
import { startServer } from './lib/server';
import { attribute } from './lib/attribution';
import { figure, runBench, single } from './lib/figure';

const JS_BUDGET_KB = 100;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

interface Asset {
	path: string;
	type: 'js' | 'css';
	bytes: number;
	gzip: number;
	brotli: number;
	/** The packages (or app folders) making up most of it, with their estimated gzipped share in KB. */
	contents: Array<{ owner: string; gzipKB: number }>;
}

function kindOf(response: Response): Asset['type'] | null {
	const type = response.headers()['content-type'] ?? '';
	const path = new URL(response.url()).pathname;
	if (type.includes('javascript') || path.endsWith('.js')) return 'js';
	if (type.includes('css') || path.endsWith('.css')) return 'css';
	return null;
}

function contentsOf(path: string, gzip: number): Asset['contents'] {
	const owners = attribute(join(ROOT, 'build', path));
	const total = [...owners.values()].reduce((s, n) => s + n, 0);
	return [...owners]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 12)
		.map(([owner, chars]) => ({ owner, gzipKB: kb((chars / total) * gzip) }))
		.filter((o) => o.gzipKB >= 0.5);
}

await runBench('bundle-size', async () => {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build: run `npx vite build` first (run.ts does)');
	const server = await startServer();
	const browser = await chromium.launch(chromiumLaunch);
	try {
		const page = await browser.newPage();
		const responses: Response[] = [];
		page.on('response', (response) => void responses.push(response));
		await page.goto(`${server.origin}/`, { waitUntil: 'networkidle' });
		const assets: Asset[] = [];
		for (const response of responses) {
			const type = kindOf(response);
			if (!type || !response.ok()) continue;
			const body = await response.body();
			const path = new URL(response.url()).pathname;
			const gzip = gzipSync(body).length;
			assets.push({ path, type, bytes: body.length, gzip, brotli: brotliCompressSync(body).length, contents: type === 'js' ? contentsOf(path, gzip) : [] });
		}
		const sum = (type: Asset['type'], key: 'bytes' | 'gzip' | 'brotli') => assets.filter((a) => a.type === type).reduce((s, a) => s + a[key], 0);
		const compressed = String(responses.some((r) => r.headers()['content-encoding']));
		const biggest = [...assets].sort((a, b) => b.gzip - a.gzip).slice(0, 6);
		const byOwner = new Map<string, number>();
		for (const asset of assets) for (const { owner, gzipKB } of asset.contents) byOwner.set(owner, (byOwner.get(owner) ?? 0) + gzipKB);
		const breakdown = [...byOwner].sort((a, b) => b[1] - a[1]).map(([owner, gzipKB]) => ({ owner, gzipKB: Math.round(gzipKB * 10) / 10 }));
		const breakdownNote = `by package: ${breakdown.map((o) => `${o.owner} ${o.gzipKB}`).join(', ')} (KB gzip)`;
		return {
			figures: [
				figure('size.js', 'First load JavaScript, gzipped', 'KB', single(kb(sum('js', 'gzip'))), { on: 'median', max: JS_BUDGET_KB }, breakdownNote),
				figure('size.css', 'First load CSS, gzipped', 'KB', single(kb(sum('css', 'gzip'))))
			],
			details: {
				serverCompresses: compressed,
				requests: assets.length,
				js: { files: assets.filter((a) => a.type === 'js').length, rawKB: kb(sum('js', 'bytes')), gzipKB: kb(sum('js', 'gzip')), brotliKB: kb(sum('js', 'brotli')) },
				css: { files: assets.filter((a) => a.type === 'css').length, rawKB: kb(sum('css', 'bytes')), gzipKB: kb(sum('css', 'gzip')), brotliKB: kb(sum('css', 'brotli')) },
				breakdown,
				biggest: biggest.map((a) => ({ path: a.path, rawKB: kb(a.bytes), gzipKB: kb(a.gzip), contents: a.contents }))
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
});
