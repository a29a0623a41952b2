// Devices for sync flows: each test claims a tenant no other test uses (so parallel tests never share
// an index doc), and a device is a browser context of its own (its own IndexedDB and localStorage),
// signed in the way people do it, through `/signin#token=`.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { TENANT_COUNT, tenantName, tenantToken } from './tenants';

export interface Tenant {
	name: string;
	/** A server token (AUTH_TOKENS) of this tenant. */
	token: string;
}

export interface Device {
	context: BrowserContext;
	page: Page;
}

export const status = (page: Page) => page.getByRole('status').filter({ hasText: /Online|Offline|Syncing/ });

/** A tenant no other test of this run has claimed: claims are files made exclusively in the run's directory. */
export function claimTenant(): Tenant {
	const dir = process.env.E2E_RUN_DIR;
	if (!dir) throw new Error('E2E_RUN_DIR is unset: run the specs through playwright.config.ts');
	for (let n = 1; n <= TENANT_COUNT; n++) {
		try {
			closeSync(openSync(join(dir, 'tenants', tenantName(n)), 'wx'));
			return { name: tenantName(n), token: tenantToken(n) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	throw new Error(`all ${TENANT_COUNT} e2e tenants are taken: raise TENANT_COUNT in tests/e2e/tenants.ts`);
}

/** Opens `/signin#token=` and waits until the app is back at `/` and in sync with the server. */
export async function signIn(page: Page, token: string): Promise<void> {
	await page.goto(`/signin#token=${encodeURIComponent(token)}`);
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
	await expect(page.getByText('Opening local storage…')).toHaveCount(0);
	await expect(status(page)).toHaveText('Online');
}

export async function newDevice(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Device> {
	const context = await browser.newContext(options);
	return { context, page: await context.newPage() };
}

/** Two devices of one fresh tenant, both signed in and online. */
export async function twoDevices(browser: Browser): Promise<{ tenant: Tenant; a: Device; b: Device; close(): Promise<void> }> {
	const tenant = claimTenant();
	const [a, b] = await Promise.all([newDevice(browser), newDevice(browser)]);
	await Promise.all([signIn(a.page, tenant.token), signIn(b.page, tenant.token)]);
	return {
		tenant,
		a,
		b,
		close: async () => {
			await Promise.all([a.context.close(), b.context.close()]);
		}
	};
}

const sessionList = (page: Page) => page.getByRole('list', { name: 'All sessions' });

/** Shows the list of all sessions (its open state survives reloads, so it is only toggled when hidden). */
export async function showSessionList(page: Page): Promise<void> {
	await expect(page.getByText('Opening local storage…')).toHaveCount(0);
	if (!(await sessionList(page).isVisible())) await page.getByRole('button', { name: 'Sessions' }).click();
	await expect(sessionList(page)).toBeVisible();
}

/** Opens a session from the list; it may still be on its way from the other device (`timeout`). */
export async function openFromList(page: Page, title: string, options: { timeout?: number } = {}): Promise<void> {
	await showSessionList(page);
	const button = sessionList(page).getByRole('button', { name: title, exact: true });
	await expect(button).toBeVisible(options);
	await button.click();
	await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
	// Its messages come from IndexedDB after the heading shows: read them only once the log has them.
	await expect(page.getByRole('log', { name: 'Session output' })).toHaveAttribute('aria-busy', 'false');
}

/** The titles of every session on this device, sorted. */
export async function sessionTitles(page: Page): Promise<string[]> {
	await showSessionList(page);
	return (await sessionList(page).getByRole('button').allInnerTexts()).sort();
}
