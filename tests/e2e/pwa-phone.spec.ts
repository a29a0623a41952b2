// The phone layout at 390×844 and 360×740: tabs in a menu, sessions and settings as their own views, the
// stream and prompt usable with the on-screen keyboard up, nothing wider than the screen, and every
// control at least 44 px. Screenshots go to tests/artifacts/screenshots/ for people to look at.
import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import type { NewMessage } from '../../src/lib/core/ydoc';
import type { ServerProcess } from '../helpers/server-process';
import { createSession, log, openRunner, promptBox } from './runner';
import { startAppServer, waitForWorker } from './pwa-server';
import { manyMessages, newSession, seedSession } from './seed';

// One app server on a fixed port per file (the worker's origin): its tests share it, in order, in one worker.
test.describe.configure({ mode: 'default' });

const DIR = 'tests/artifacts/screenshots';
let server: ServerProcess;
test.beforeAll(async () => {
	server = await startAppServer(4345);
});
test.afterAll(async () => {
	await server?.kill();
});

/** Visible controls smaller than a fingertip (44 px), described for the failure message. */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, [role="tab"]')) {
			if (el.closest('[inert]') || el.closest('dialog:not([open])')) continue;
			const box = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
			if (box.width < 44 || box.height < 44) {
				small.push(`${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`);
			}
		}
		return small;
	});
}

async function fitsTheScreen(page: Page, width: number): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
	expect(await smallTargets(page)).toEqual([]);
}

function inViewport(page: Page, selector: ReturnType<Page['locator']>) {
	return expect(selector).toBeInViewport();
}

function conversation(at: number): NewMessage[] {
	return manyMessages(30, at).concat({
		id: newId(at + 40_000),
		kind: 'assistant',
		text: 'The last answer, which must stay readable above the keyboard.',
		state: 'done',
		createdAt: at + 40_000,
		meta: {}
	});
}

for (const { width, height } of [
	{ width: 390, height: 844 },
	{ width: 360, height: 740 }
]) {
	test(`phone ${width}×${height}: tabs menu, sessions, settings, stream and prompt with the keyboard up`, async ({ page }) => {
		const name = (screen: string) => `${DIR}/pwa-phone-${width}-${screen}.png`;
		await page.setViewportSize({ width, height });
		await openRunner(page, server.origin);
		await seedSession(page, newSession('Long conversation', Date.now() - 3_600_000), conversation(Date.now() - 600_000));
		await waitForWorker(page);
		await page.reload();
		await createSession(page, 'Second tab');
		await page.getByRole('button', { name: 'Sessions' }).click();
		await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Long conversation' }).click();
		const last = log(page).locator('[data-kind="assistant"]', { hasText: 'The last answer' });
		await expect(last).toBeVisible();

		// The session: tabs folded into the header, the stream and the prompt on one screen.
		await expect(page.getByRole('tablist')).toBeHidden();
		await fitsTheScreen(page, width);
		// The header (top bar, demo banner, session title and its controls) leaves the stream most of the screen.
		expect((await log(page).boundingBox())!.y).toBeLessThan(190);
		// Labelled buttons, not bare symbols; and no keyboard hints on a touch screen.
		for (const caption of ['Tabs', 'Sessions', 'Search', 'Settings']) {
			expect((await page.getByRole('banner').getByText(caption, { exact: true }).boundingBox())!.width, caption).toBeGreaterThan(15);
		}
		await expect(promptBox(page)).not.toHaveAttribute('placeholder', /Enter/);
		await page.screenshot({ path: name('session') });

		// Tabs as a menu.
		await page.getByRole('button', { name: /Tabs/ }).click();
		await expect(page.getByRole('tablist')).toBeVisible();
		await fitsTheScreen(page, width);
		await page.screenshot({ path: name('tabs-menu') });
		await page.getByRole('tab', { name: 'Second tab' }).click();
		await expect(page.getByRole('tablist')).toBeHidden();
		await expect(page.getByRole('heading', { name: 'Second tab' })).toBeVisible();

		// All sessions as its own view over the screen.
		await page.getByRole('button', { name: 'Sessions' }).click();
		const all = page.getByRole('list', { name: 'All sessions' });
		await expect(all).toBeVisible();
		await fitsTheScreen(page, width);
		await page.screenshot({ path: name('sessions') });
		await all.getByRole('button', { name: 'Long conversation' }).click();
		await expect(all).toBeHidden();

		// The file panel is a view of its own, in place of the stream.
		await page.getByRole('button', { name: 'Files', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Close files' })).toBeVisible();
		await expect(log(page)).toBeHidden();
		await fitsTheScreen(page, width);
		await page.screenshot({ path: name('files') });
		await page.getByRole('button', { name: 'Close files' }).click();
		await expect(last).toBeVisible();

		// Settings: storage and the app's version, in a dialog that fits.
		await page.getByRole('button', { name: 'Settings' }).click();
		const settings = page.getByRole('dialog', { name: 'Settings' });
		await expect(settings).toContainText('used of');
		const box = await settings.boundingBox();
		expect(box!.x).toBeGreaterThanOrEqual(0);
		expect(box!.x + box!.width).toBeLessThanOrEqual(width);
		expect(await smallTargets(page)).toEqual([]);
		await page.screenshot({ path: name('settings') });

		// The keyboard shortcuts from there: each description reads in lines of words, under its keys.
		await settings.getByRole('button', { name: 'Keyboard shortcuts' }).click();
		const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(help).toBeVisible();
		const helpBox = (await help.boundingBox())!;
		expect(helpBox.x + helpBox.width).toBeLessThanOrEqual(width);
		for (const described of await help.locator('dd').all()) {
			expect((await described.boundingBox())!.width).toBeGreaterThan(helpBox.width * 0.7);
		}
		await page.screenshot({ path: name('shortcuts') });
		await help.getByRole('button', { name: 'Close' }).click();
		await expect(help).toBeHidden();

		// The on-screen keyboard takes about 40% of the height; the layout shrinks to what is left.
		await promptBox(page).focus();
		await page.setViewportSize({ width, height: Math.round(height * 0.6) });
		await inViewport(page, promptBox(page));
		await inViewport(page, page.getByRole('button', { name: 'Send' }));
		await inViewport(page, last);
		await promptBox(page).fill('Typed with the keyboard up');
		await page.screenshot({ path: name('keyboard') });
		await promptBox(page).press('Enter');
		await inViewport(page, log(page).locator('[data-kind="user"]', { hasText: 'Typed with the keyboard up' }));
		await fitsTheScreen(page, width);
	});
}
