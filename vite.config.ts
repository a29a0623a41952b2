import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { PWA_OPTIONS } from './src/lib/pwa/options';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
/** Shown in Settings so people (and the update test) can tell builds apart; APP_VERSION overrides it. */
const appVersion = process.env.APP_VERSION || `${pkg.version}+${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;

export default defineConfig({
	// The worker is a build artefact: unit tests run without it.
	plugins: [sveltekit(), ...(process.env.VITEST ? [] : SvelteKitPWA(structuredClone(PWA_OPTIONS)))],
	define: { __APP_VERSION__: JSON.stringify(appVersion) },
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/cluster/**/*.test.ts', 'tests/hostile/**/*.test.ts', 'bench/**/*.test.ts'],
		environment: 'node',
		// Tests that start a server process (tsx, SQLite, a claude child) need seconds on a busy 2-core machine.
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
