// Screenshots of what sync adds, for people to look at (tests/artifacts/screenshots/): the status
// online and offline, the Devices panel with its QR code, at desktop and phone size. Each also checks
// what that screen must do.
import { expect, test, type Page } from '@playwright/test';
import { claimTenant, newDevice, signIn, status } from './devices';
import { createSession, sendPrompt } from './runner';

const DIR = 'tests/artifacts/screenshots';

async function pair(page: Page) {
	await page.getByRole('button', { name: 'Devices' }).click();
	const panel = page.getByRole('dialog', { name: 'Devices' });
	await panel.getByRole('button', { name: 'Pair a device' }).click();
	await expect(panel.getByRole('img', { name: 'QR code of the pairing link' })).toBeVisible();
	await expect(panel.getByText(/expires in 10 minutes/)).toBeVisible();
	// The keyboard's place is the new link, not the page.
	await expect(panel.getByRole('textbox', { name: 'Pairing link' })).toBeFocused();
	return panel;
}

test('desktop 1280×800: online, offline with pending changes, Devices panel with QR code', async ({ browser }) => {
	const device = await newDevice(browser, { viewport: { width: 1280, height: 800 } });
	const { page, context } = device;
	await signIn(page, claimTenant().token);
	await createSession(page, 'Sync screenshots');
	await sendPrompt(page, 'Summarise the failing tests.');
	await expect(status(page)).toHaveText('Online');
	await page.screenshot({ path: `${DIR}/sync-desktop-online.png` });

	await context.setOffline(true);
	await sendPrompt(page, 'Written on the train, no network.');
	await expect(status(page)).toHaveText(/^Offline · \d+ local changes? not yet on the server$/);
	await page.screenshot({ path: `${DIR}/sync-desktop-offline.png` });
	await context.setOffline(false);
	await expect(status(page)).toHaveText('Online');

	const panel = await pair(page);
	const box = await panel.boundingBox();
	expect(box!.width).toBeLessThan(1280 / 2);
	await page.screenshot({ path: `${DIR}/sync-desktop-devices.png` });
	await context.close();
});

test('phone 390×844: status in the bar, Devices as a full view, sign-in hint', async ({ browser }) => {
	const { page, context } = await newDevice(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	await page.goto('/');
	await expect(status(page)).toHaveText('Offline · not signed in');
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: `${DIR}/sync-phone-not-signed-in.png` });

	await signIn(page, claimTenant().token);
	await createSession(page, 'On the phone');
	await context.setOffline(true);
	await sendPrompt(page, 'Queued while offline.');
	await expect(status(page)).toHaveText(/^Offline · \d+ local changes? not yet on the server$/);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: `${DIR}/sync-phone-offline.png` });
	await context.setOffline(false);
	await expect(status(page)).toHaveText('Online');

	const panel = await pair(page);
	const box = await panel.boundingBox();
	expect(box!.width).toBeGreaterThanOrEqual(389);
	expect(box!.height).toBeGreaterThanOrEqual(843);
	await page.screenshot({ path: `${DIR}/sync-phone-devices.png` });

	// A second device, paired with the link: its whole Revoke button fits beside its dates.
	const second = await newDevice(browser);
	await second.page.goto(await panel.getByRole('textbox', { name: 'Pairing link' }).inputValue());
	await expect(status(second.page)).toHaveText('Online');
	const revoke = panel.getByRole('button', { name: /^Revoke / });
	await revoke.scrollIntoViewIfNeeded();
	const list = panel.getByRole('list', { name: 'Signed-in devices' });
	const [button, shown] = [(await revoke.boundingBox())!, (await list.boundingBox())!];
	expect(button.x + button.width).toBeLessThanOrEqual(shown.x + shown.width);
	await expect(revoke).toHaveText('Revoke');
	await expect(list).toContainText(/\S · last seen /);
	await page.screenshot({ path: `${DIR}/sync-phone-devices-two.png` });
	await second.context.close();
	await context.close();
});
