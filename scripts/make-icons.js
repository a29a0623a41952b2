// Renders the SVG icons to the PNG sizes the web manifest names, in Debian's Chromium (run once, commit the PNGs).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** @type {Array<[string, string, number]>} */
const ICONS = [
	['static/icons/icon.svg', 'static/icons/icon-192.png', 192],
	['static/icons/icon.svg', 'static/icons/icon-512.png', 512],
	['static/icons/maskable.svg', 'static/icons/maskable-512.png', 512],
	['static/icons/icon.svg', 'static/icons/apple-touch-icon.png', 180]
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [svg, png, size] of ICONS) {
	const page = await browser.newPage({ viewport: { width: size, height: size } });
	const markup = readFileSync(svg, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
	await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${markup}`);
	await page.screenshot({ path: png, omitBackground: true });
	await page.close();
}
await browser.close();
