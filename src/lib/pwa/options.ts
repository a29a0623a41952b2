// What makes the app installable and able to start offline: the web app manifest and the worker's rules.
// The worker serves the app shell and build assets from its precache and never touches API or sync traffic.
import type { SvelteKitPWAOptions } from '@vite-pwa/sveltekit';
import type { ManifestOptions } from 'vite-plugin-pwa';

type Manifest = Partial<ManifestOptions>;

export const MANIFEST = {
	id: '/',
	name: 'Session Runner',
	short_name: 'Sessions',
	description: 'Run Claude coding sessions from any device; every past session stays readable offline.',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	lang: 'en',
	dir: 'ltr',
	theme_color: '#f7f7f4',
	background_color: '#f7f7f4',
	categories: ['developer', 'productivity', 'utilities'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
		{ src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }
	],
	screenshots: [
		{
			src: '/screenshots/wide.png',
			sizes: '1280x800',
			type: 'image/png',
			form_factor: 'wide',
			label: 'Sessions in tabs, with a stream of messages, tool calls and the prompt'
		},
		{
			src: '/screenshots/narrow.png',
			sizes: '390x844',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'A session on a phone, with the prompt below the stream'
		}
	]
} satisfies Manifest;

/** Paths the worker must leave to the network: answers that only the server can give, always fresh. */
export const NETWORK_ONLY = [/^\/api\//, /^\/sync\//, /^\/health(?:$|[/?])/];

/** Precached on install: everything the shell can load, so a page never mixes two builds. */
const PRECACHE = ['client/**/*.{js,css,html,ico,png,svg,webp,woff,woff2,webmanifest}', 'prerendered/**/*.{html,json}'];

export const PWA_OPTIONS = {
	strategies: 'generateSW',
	registerType: 'prompt',
	// Registered by the app itself (src/lib/pwa/register.ts), which owns the update prompt.
	injectRegister: false,
	// app.html links the manifest and icons statically, so they are there before any script runs.
	includeManifestIcons: false,
	manifest: MANIFEST,
	workbox: {
		navigateFallback: '/200.html',
		navigateFallbackDenylist: NETWORK_ONLY,
		globPatterns: PRECACHE,
		// The manifest screenshots are for install dialogs, not for the app.
		globIgnores: ['server/**', 'client/screenshots/**'],
		// A lazily loaded editor or language chunk is part of the shell too.
		maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
		cleanupOutdatedCaches: true,
		// Web Push: shows notifications and answers their Approve and Deny actions.
		importScripts: ['/push-worker.js'],
		// The first worker takes the open page at once; later ones wait for "Reload" (messageSkipWaiting).
		clientsClaim: true,
		skipWaiting: false
	},
	kit: { adapterFallback: '200.html', spa: true }
} satisfies Partial<SvelteKitPWAOptions>;
