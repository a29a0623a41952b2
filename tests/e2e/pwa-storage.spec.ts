// Storage in Settings: how much the app stores against the browser's quota, whether the browser keeps it,
// and removing a session's local copy, which frees this device only: the server and other devices keep it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ServerProcess } from '../helpers/server-process';
import { createSession, log, openRunner, sendPrompt } from './runner';
import { startAppServer } from './pwa-server';

// One app server on a fixed port per file (the worker's origin): its tests share it, in order, in one worker.
test.describe.configure({ mode: 'default' });

const TOKEN = 'tok-pwa-storage-session-runner';
let server: ServerProcess;
test.beforeAll(async () => {
	server = await startAppServer(4346, undefined, undefined, { AUTH_TOKENS: `pwa-storage:${TOKEN}` });
});
test.afterAll(async () => {
	await server?.kill();
});

const status = (page: Page) => page.getByRole('status').filter({ hasText: /Online|Offline|Syncing/ });

async function openSettings(page: Page) {
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toBeVisible();
	return dialog;
}

async function signedInDevice(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${server.origin}/signin#token=${TOKEN}`);
	await expect(page).toHaveURL(`${server.origin}/`);
	await expect(status(page)).toHaveText('Online');
	return { context, page };
}

test('Settings shows usage against the quota and persistence; removal waits until everything is on the server', async ({ page }) => {
	await openRunner(page, server.origin);
	await createSession(page, 'Only on this device');
	await sendPrompt(page, 'A prompt kept locally');
	const settings = await openSettings(page);
	await expect(settings).toContainText(/\d[\d.]* (bytes|KB|MB) used of \d[\d.]* (MB|GB|TB) available/);
	await expect(settings).toContainText(/Persistent storage: (yes|no)/);
	const copies = settings.getByRole('list', { name: 'Local copies' });
	await expect(copies.getByRole('listitem').filter({ hasText: 'Only on this device' })).toContainText(/\d+ (bytes|KB)/);
	// Not signed in, this device holds the only copy: removing it would lose the session's content.
	await expect(copies.getByRole('button', { name: 'Remove local copy of Only on this device' })).toBeDisabled();
	await expect(settings).toContainText('while the status is Online');
});

test("removing a session's local copy frees it here; the server and another device keep it", async ({ browser }) => {
	const a = await signedInDevice(browser);
	const b = await signedInDevice(browser);
	await createSession(a.page, 'Shared history');
	await sendPrompt(a.page, 'Remember this prompt');
	await expect(status(a.page)).toHaveText('Online');
	await b.page.getByRole('button', { name: 'Sessions' }).click();
	await b.page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Shared history' }).click();
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'Remember this prompt' })).toHaveCount(1);

	const settings = await openSettings(a.page);
	const row = settings.getByRole('list', { name: 'Local copies' }).getByRole('listitem').filter({ hasText: 'Shared history' });
	await row.getByRole('button', { name: 'Remove local copy of Shared history' }).click();
	await expect(row).toContainText('not on this device');
	await a.page.screenshot({ path: 'tests/artifacts/screenshots/pwa-storage-settings.png' });
	await settings.getByRole('button', { name: 'Close' }).click();

	// Offline, device A has only the title left; device B still shows everything.
	await a.context.setOffline(true);
	await a.page.getByRole('button', { name: 'Sessions' }).click();
	await a.page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Shared history' }).click();
	await expect(a.page.getByRole('heading', { name: 'Shared history' })).toBeVisible();
	await expect(log(a.page).locator('[data-kind]')).toHaveCount(0);
	await b.page.reload();
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'Remember this prompt' })).toHaveCount(1);

	// Online again, opening the session downloads it from the server.
	await a.context.setOffline(false);
	await expect(log(a.page).locator('[data-kind="user"]', { hasText: 'Remember this prompt' })).toHaveCount(1);
	await Promise.all([a.context.close(), b.context.close()]);
});
