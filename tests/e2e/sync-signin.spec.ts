// Signing in through `/signin#token=`: a good token is kept and the app syncs; a wrong one is
// refused with the server's reason and nothing is stored. The token never stays in the address bar.
import { expect, test } from '@playwright/test';
import { claimTenant, signIn, status } from './devices';
import { openRunner } from './runner';

const TOKEN_KEY = 'session-runner.token';

test('a wrong token at /signin shows a clear error and stores nothing', async ({ page }) => {
	await page.goto('/signin#token=not-a-token-of-this-server');
	await expect(page.getByRole('alert')).toHaveText(/This sign-in link or token is not valid/);
	expect(page.url()).not.toContain('token');
	expect(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBeNull();

	await page.getByRole('link', { name: 'Back to Session Runner' }).click();
	await expect(status(page)).toHaveText('Offline · not signed in');
});

test('a link without its token says what is missing', async ({ page }) => {
	await page.goto('/signin');
	await expect(page.getByRole('alert')).toContainText('carries no sign-in token');
});

test('a good token is kept, leaves no trace in the address, and the app goes online', async ({ page }) => {
	const { token } = claimTenant();
	await signIn(page, token);
	expect(page.url()).not.toContain('token');
	await expect(page).toHaveTitle('Session Runner');
	expect(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBe(token);
	await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
	await page.reload();
	await expect(status(page)).toHaveText('Online');
});

test('not signed in, the app says so and explains how to sign in', async ({ page }) => {
	await openRunner(page);
	await expect(status(page)).toHaveText('Offline · not signed in');
	await page.getByRole('button', { name: 'Sign in' }).click();
	const panel = page.getByRole('dialog', { name: 'Devices' });
	await expect(panel).toContainText('open the sign-in link the server printed');
	await expect(panel).toContainText('Pair a device');
	// The server's settings arrive without signing in; it runs the demo model here.
	await expect(panel).toContainText('demo model');
	expect(await page.evaluate(() => localStorage.getItem('session-runner.server-config'))).toMatch(/"demo":true/);
});
