import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, NETWORK_ONLY, PWA_OPTIONS } from './options';

const STATIC = join(import.meta.dirname, '../../../static');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): string {
	const bytes = readFileSync(path);
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('web app manifest', () => {
	it('has what Chromium needs to offer installation', () => {
		expect(MANIFEST.name).toBeTruthy();
		expect(MANIFEST.short_name.length).toBeLessThanOrEqual(12);
		expect(MANIFEST.display).toBe('standalone');
		expect(MANIFEST.start_url.startsWith(MANIFEST.scope)).toBe(true);
		const any = MANIFEST.icons.filter((icon) => icon.purpose === 'any').map((icon) => icon.sizes);
		expect(any).toEqual(expect.arrayContaining(['192x192', '512x512']));
		expect(MANIFEST.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
	});

	it('points only at files that exist with the sizes it declares', () => {
		for (const image of [...MANIFEST.icons, ...MANIFEST.screenshots]) {
			const path = join(STATIC, image.src);
			if (image.type === 'image/png') expect(pngSize(path), image.src).toBe(image.sizes);
			else expect(readFileSync(path, 'utf8')).toContain('<svg');
		}
	});

	it('offers a wide and a narrow screenshot for the richer install dialog', () => {
		expect(MANIFEST.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
		for (const shot of MANIFEST.screenshots) {
			const [width, height] = shot.sizes.split('x').map(Number);
			// Chromium ignores screenshots outside 320-3840 px or with an aspect ratio over 2.3.
			expect(Math.min(width, height)).toBeGreaterThanOrEqual(320);
			expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(2.3);
		}
	});
});

describe('service worker rules', () => {
	const networkOnly = (path: string) => NETWORK_ONLY.some((pattern) => pattern.test(path));

	it('leaves API, sync and health requests to the network', () => {
		for (const path of ['/api/config', '/api/auth/redeem', '/sync/index', '/sync/session/x', '/health', '/health?x=1']) {
			expect(networkOnly(path), path).toBe(true);
		}
	});

	it('answers app routes from the cached shell', () => {
		for (const path of ['/', '/signin', '/admin/sessions/runner', '/healthy-habits', '/apiary']) {
			expect(networkOnly(path), path).toBe(false);
		}
		expect(PWA_OPTIONS.workbox.navigateFallback).toBe(`/${PWA_OPTIONS.kit.adapterFallback}`);
	});

	it('waits for the person before a new worker takes over', () => {
		expect(PWA_OPTIONS.registerType).toBe('prompt');
		expect(PWA_OPTIONS.workbox.skipWaiting).toBe(false);
		expect(PWA_OPTIONS.injectRegister).toBe(false);
	});
});
