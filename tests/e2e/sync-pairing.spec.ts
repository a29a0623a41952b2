// Pairing: a signed-in device makes a one-time link, another device opens it and syncs the same
// sessions; revoking it (or signing it out) shuts it out at once, and its local copy stays readable.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { claimTenant, newDevice, openFromList, signIn, status, type Device } from './devices';
import { createSession, log, sendPrompt } from './runner';

const TOKEN_KEY = 'session-runner.token';

const devicesPanel = (page: Page) => page.getByRole('dialog', { name: 'Devices' });

async function openDevices(page: Page) {
	await page.getByRole('button', { name: 'Devices' }).click();
	await expect(devicesPanel(page)).toBeVisible();
}

/** A pairing link made on `page`'s Devices panel (left open). */
async function pairingLink(page: Page): Promise<string> {
	await openDevices(page);
	await devicesPanel(page).getByRole('button', { name: 'Pair a device' }).click();
	await expect(devicesPanel(page).getByRole('img', { name: 'QR code of the pairing link' })).toBeVisible();
	return devicesPanel(page).getByRole('textbox', { name: 'Pairing link' }).inputValue();
}

async function pairedDevice(browser: Browser, link: string): Promise<Device> {
	const device = await newDevice(browser);
	await device.page.goto(link);
	await expect(device.page).toHaveURL(/\/$/);
	await expect(status(device.page)).toHaveText('Online');
	return device;
}

async function signedInWithSession(browser: Browser, title: string, prompt: string): Promise<Device> {
	const a = await newDevice(browser);
	await signIn(a.page, claimTenant().token);
	await createSession(a.page, title);
	await sendPrompt(a.page, prompt);
	return a;
}

test("a paired device sees the account's sessions; revoked, it is shut out and keeps its copy", async ({ browser }) => {
	const a = await signedInWithSession(browser, 'Before pairing', 'made on A');
	const link = await pairingLink(a.page);
	expect(new URL(link).pathname).toBe('/signin');
	expect(new URL(link).hash).toMatch(/^#token=.+/);
	// This server listens on 127.0.0.1 with no PUBLIC_URL: a phone could not open that link, and the dialog says so.
	await expect(devicesPanel(a.page).getByRole('note')).toContainText('HOST=0.0.0.0');

	const b = await pairedDevice(browser, link);
	await openFromList(b.page, 'Before pairing');
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'made on A' })).toBeVisible();

	// The link signs in one device, once.
	const late = await newDevice(browser);
	await late.page.goto(link);
	await expect(late.page.getByRole('alert')).toContainText('not valid');
	await late.context.close();

	// A's panel lists B (A itself signed in with a server token, so it is not a device there).
	const panel = devicesPanel(a.page);
	await expect(panel.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem')).toHaveCount(1);
	await panel.getByRole('button', { name: /^Revoke / }).click();
	await panel.getByRole('button', { name: 'Revoke device' }).click();
	await expect(panel.getByText('No paired devices yet.')).toBeVisible();

	await expect(status(b.page)).toHaveText("Offline · signed out: this device's access was revoked");
	await expect(b.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'made on A' })).toBeVisible();
	expect(await b.page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBeNull();

	await b.page.reload();
	await expect(status(b.page)).toHaveText('Offline · not signed in');
	await openFromList(b.page, 'Before pairing');
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'made on A' })).toBeVisible();
	await Promise.all([a.context.close(), b.context.close()]);
});

test('a device revoked while it was closed learns it at its next start', async ({ browser }) => {
	const a = await signedInWithSession(browser, 'Shared', 'hello');
	const b = await pairedDevice(browser, await pairingLink(a.page));
	await b.page.goto('about:blank');

	const panel = devicesPanel(a.page);
	await panel.getByRole('button', { name: /^Revoke / }).click();
	await panel.getByRole('button', { name: 'Revoke device' }).click();
	await expect(panel.getByText('No paired devices yet.')).toBeVisible();

	await b.page.goto('/');
	await expect(status(b.page)).toHaveText("Offline · signed out: this device's access was revoked");
	await Promise.all([a.context.close(), b.context.close()]);
});

test('signing out stops syncing in every tab, tells the server, and keeps the sessions readable', async ({ browser }) => {
	const a = await signedInWithSession(browser, 'Kept after sign-out', 'still here');
	const b = await pairedDevice(browser, await pairingLink(a.page));
	await openFromList(b.page, 'Kept after sign-out');
	const token = await b.page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
	expect(token).toBeTruthy();
	const otherTab = await b.context.newPage();
	await otherTab.goto('/');
	await expect(status(otherTab)).toHaveText('Online');

	await openDevices(b.page);
	await expect(devicesPanel(b.page).getByText('this device', { exact: true })).toBeVisible();
	await devicesPanel(b.page).getByRole('button', { name: 'Sign out' }).click();
	await expect(devicesPanel(b.page).getByText('This device is not signed in')).toBeVisible();
	await devicesPanel(b.page).getByRole('button', { name: 'Close' }).click();

	await expect(status(b.page)).toHaveText('Offline · not signed in');
	await expect(log(b.page).locator('[data-kind="user"]', { hasText: 'still here' })).toBeVisible();
	expect(await b.page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBeNull();
	// The device's other tab follows: it does not keep syncing with the dropped token.
	await expect(status(otherTab)).toHaveText('Offline · not signed in');
	const me = await b.page.request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
	expect(me.status()).toBe(401);
	await Promise.all([a.context.close(), b.context.close()]);
});
