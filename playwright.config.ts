import { defineConfig } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authTokensEnv } from './tests/e2e/tenants';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** Debian's Chromium, never a downloaded browser; flags keep it off this machine's closed network. */
export const chromiumLaunch = {
	executablePath: '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

// One fresh directory per run: the server's DATA_DIR, and the tenants claimed by tests. Workers load
// this file again but inherit the environment, so they find the runner's directory instead of a new one.
if (!process.env.E2E_RUN_DIR) {
	const dir = mkdtempSync(join(tmpdir(), 'sr-e2e-'));
	mkdirSync(join(dir, 'data'));
	mkdirSync(join(dir, 'tenants'));
	process.env.E2E_RUN_DIR = dir;
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const RUN_DIR = process.env.E2E_RUN_DIR;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: chromiumLaunch,
		screenshot: 'only-on-failure'
	},
	// The real server, as people run it: the built PWA, the API and sync on one origin. Specs that do
	// not sign in stay local-only; sync specs each claim a tenant of their own (tests/e2e/devices.ts).
	webServer: {
		command: 'node --import tsx sync-server/src/index.ts',
		url: `http://127.0.0.1:${PORT}/health`,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: join(RUN_DIR, 'data'),
			LOG_LEVEL: 'warn',
			AUTH_TOKENS: authTokensEnv(),
			// The demo model answers queued prompts: never a real API, whatever the shell has set.
			ANTHROPIC_API_KEY: '',
			ANTHROPIC_BASE_URL: '',
			CLAUDE_MODEL: '',
			PUBLIC_URL: '',
			// Specs written for the light engine keep it; a spec about Claude Code picks it in "New session".
			DEFAULT_ENGINE: 'messages'
		},
		reuseExistingServer: false,
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
		timeout: 60_000
	}
});
