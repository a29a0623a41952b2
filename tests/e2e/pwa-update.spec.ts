// A new build reaches an open app without ever mixing builds: the new worker waits, the page says "A new
// version is available — Reload", a plain reload keeps the old build, and "Reload" brings the new one.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type ServerProcess } from '../helpers/server-process';
import { createSession, openRunner, tab } from './runner';
import { copyOfBuild, shownVersion, startAppServer, waitForWorker } from './pwa-server';

// One app server on a fixed port per file (the worker's origin): its tests share it, in order, in one worker.
test.describe.configure({ mode: 'default' });

const NEXT = 'e2e-next';
let nextBuild: string;
let served: string;
let server: ServerProcess;

/** Builds the app once more with another version marker, in a scratch copy so `build/` stays as it is. */
function buildNextVersion(): string {
	const scratch = mkdtempSync(join(tmpdir(), 'sr-pwa-next-'));
	for (const entry of ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json']) {
		cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
	}
	symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
	execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
		cwd: scratch,
		env: { ...process.env, APP_VERSION: NEXT },
		stdio: 'pipe'
	});
	return join(scratch, 'build');
}

/** What a deploy does: the server's directory now holds the other build. */
function deploy(build: string, into: string): void {
	for (const entry of readdirSync(into)) rmSync(join(into, entry), { recursive: true });
	cpSync(build, into, { recursive: true });
}

test.beforeAll(async () => {
	test.setTimeout(180_000);
	nextBuild = buildNextVersion();
	served = copyOfBuild();
	server = await startAppServer(4344, served);
});
test.afterAll(async () => {
	await server?.kill();
});

test('a new build served → the update prompt → Reload shows the new version, never a blank or mixed page', async ({ page }) => {
	await openRunner(page, server.origin);
	await createSession(page, 'Kept across the update');
	await waitForWorker(page);
	const before = await shownVersion(page);
	expect(before).not.toBe(NEXT);

	deploy(nextBuild, served);
	// The open app keeps working on its own build: its files come from the worker's cache.
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Check for updates' }).click();
	await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
	const prompt = page.getByRole('complementary', { name: 'Update available' });
	await expect(prompt).toContainText('A new version is available');
	await page.screenshot({ path: 'tests/artifacts/screenshots/pwa-update-prompt.png' });
	expect(await shownVersion(page)).toBe(before);

	// A plain reload stays on the old build (the new worker still waits) and asks again.
	await page.reload();
	await expect(tab(page, 'Kept across the update')).toHaveCount(1);
	expect(await shownVersion(page)).toBe(before);
	await expect(prompt).toBeVisible();

	// A second tab of the app, which nobody touches, must not stay on the old build either.
	const other = await page.context().newPage();
	await openRunner(other, server.origin);
	expect(await shownVersion(other)).toBe(before);

	const reloaded = page.waitForEvent('load');
	const otherReloaded = other.waitForEvent('load');
	await prompt.getByRole('button', { name: 'Reload' }).click();
	await Promise.all([reloaded, otherReloaded]);
	await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
	await expect(tab(page, 'Kept across the update')).toHaveCount(1);
	await expect(prompt).toHaveCount(0);
	expect(await shownVersion(page)).toBe(NEXT);
	await expect(other.getByRole('button', { name: 'New session' })).toBeVisible();
	expect(await shownVersion(other)).toBe(NEXT);

	// Every build file the page loaded belongs to the new build.
	const loaded = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.startsWith('/_app/'))
	);
	expect(loaded.length).toBeGreaterThan(3);
	for (const path of loaded) expect(existsSync(join(nextBuild, path)), path).toBe(true);
});
