// The PWA flows run against the real server (started per spec, so a test can stop it or swap the build
// it serves) and wait for the service worker the way a returning visitor's browser would have it.
import { expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, spawnServer, type ServerProcess } from '../helpers/server-process';

export const BUILD = join(ROOT, 'build');

/** A private copy of the build, for a test that replaces what the server serves. */
export function copyOfBuild(from = BUILD): string {
	const dir = mkdtempSync(join(tmpdir(), 'sr-pwa-build-'));
	cpSync(from, dir, { recursive: true });
	return dir;
}

export function startAppServer(port: number, staticDir = BUILD, dataDir?: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	// The demo model answers queued prompts: never a real API, whatever the shell has set.
	return spawnServer({ port, dataDir, env: { STATIC_DIR: staticDir, ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '', CLAUDE_MODEL: '', ...env } });
}

/** Resolves once a service worker controls the page (its shell is precached by then). */
export async function waitForWorker(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** Every URL in the page's Cache Storage, as paths. */
export async function cachedPaths(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
		}
		return paths;
	});
}

/** The version shown in Settings (and closes the dialog again). */
export async function shownVersion(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toBeVisible();
	const version = (await dialog.getByTestId('app-version').innerText()).trim();
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(dialog).toBeHidden();
	return version;
}
