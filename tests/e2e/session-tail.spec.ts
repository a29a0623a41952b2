// A device that never had a long session shows its newest messages at once, from the server, before the
// session's document has synced (its socket is held back here); once it has, the mirrored rows take over:
// the whole session scrolls back to its first message, nothing shown twice and nothing out of order.
// It never offers the empty session's suggestions meanwhile: the device mirrors its empty local copy of the
// document before the server's, which says nothing about whether the session has messages.
import { expect, test, type Page } from '@playwright/test';
import { claimTenant, newDevice, openFromList } from './devices';
import { log } from './runner';
import { manyMessages, newSession, sessionUpdate } from './seed';
import { seedOnServer } from '../helpers/server-seed';
import { sessionDocName } from '../../src/lib/core/docnames';

const COUNT = 300;

/** The rendered rows as [seq, n] where the row's text reads "Message n". */
async function renderedRows(page: Page): Promise<[number, number][]> {
	const rows = await log(page).locator('[data-seq]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-seq'), el.textContent]));
	return rows.map(([seq, text]) => [Number(seq), Number(/Message (\d+)/.exec(text ?? '')?.[1])]);
}

/** Whether this device has mirrored the document `name` (its empty local copy counts). */
async function mirrored(page: Page, name: string): Promise<boolean> {
	return page.evaluate(
		(key) =>
			new Promise<boolean>((resolve, reject) => {
				const open = indexedDB.open('session-runner');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('mirror').objectStore('mirror').getKey(key);
					get.onsuccess = () => {
						open.result.close();
						resolve(get.result !== undefined);
					};
				};
			}),
		name
	);
}

/** Rendered rows are one run of consecutive messages, each once, each where the document has it. */
async function expectInOrder(page: Page): Promise<void> {
	const rows = await renderedRows(page);
	expect(rows.length).toBeGreaterThan(3);
	rows.forEach(([seq, n], i) => {
		expect(n).toBe(seq + 1);
		expect(seq).toBe(rows[0][0] + i);
	});
}

test('a long session from the server paints its newest page before its document syncs, then the whole session', async ({ browser, baseURL }) => {
	const tenant = claimTenant();
	const session = newSession('From the server');
	await seedOnServer(`${baseURL!.replace(/^http/, 'ws')}/sync`, tenant.token, session, sessionUpdate(manyMessages(COUNT)));

	// No service worker: the page's own requests are the ones routed here.
	const { context, page } = await newDevice(browser, { serviceWorkers: 'block' });
	// The index syncs (the list comes through it); the session's own document cannot until released.
	let held = true;
	await page.routeWebSocket(/\/sync\/session\//, (ws) => {
		if (held) ws.close();
		else ws.connectToServer();
	});
	// The server's page is held back too, until the device has mirrored its empty copy of the document.
	let releaseTail = () => {};
	const tailHeld = new Promise<void>((resolve) => (releaseTail = resolve));
	await page.route(/\/api\/sessions\/[^/]+\/tail/, async (route) => {
		await tailHeld;
		await route.continue();
	});
	// Records whether the empty session's text or suggestions were ever on screen, however briefly.
	await page.addInitScript(() => {
		new MutationObserver(() => {
			if (document.querySelector('[aria-label="Suggested prompts"]') || document.body.textContent?.includes('No messages yet')) {
				(window as { emptyShown?: boolean }).emptyShown = true;
			}
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
	await page.goto(`/signin#token=${encodeURIComponent(tenant.token)}`);
	await expect(page).toHaveURL(/\/$/);
	await openFromList(page, 'From the server');

	const stream = log(page);
	await expect.poll(() => mirrored(page, sessionDocName(session.id)), { timeout: 20_000 }).toBe(true);
	await expect(stream.getByText('Loading this session’s messages…')).toBeVisible();
	releaseTail();
	await expect(stream.locator('[data-kind]', { hasText: `Message ${COUNT}` })).toBeInViewport();
	await expectInOrder(page);
	// Only the server's newest page is here: scrolling up finds nothing older yet.
	const lowest = async () => (await renderedRows(page))[0][0];
	await stream.hover();
	await page.mouse.wheel(0, -20_000);
	expect(await lowest()).toBeGreaterThanOrEqual(COUNT - 100);

	held = false;
	// Once the document has synced, older pages load from the device as the reader scrolls up.
	await expect
		.poll(async () => {
			// Down a little, then up past the top: a reader already at the top scrolls again to ask for more.
			await stream.hover();
			await page.mouse.wheel(0, 200);
			await page.mouse.wheel(0, -20_000);
			return lowest();
		}, { timeout: 20_000 })
		.toBe(0);
	await expect(stream.locator('[data-seq="0"]')).toContainText('Message 1');
	await expectInOrder(page);

	await page.getByRole('button', { name: /Jump to latest/ }).click();
	await expect(stream.locator('[data-kind]', { hasText: `Message ${COUNT}` })).toBeInViewport();
	await expectInOrder(page);
	expect(await page.evaluate(() => (window as { emptyShown?: boolean }).emptyShown)).toBeUndefined();
	await context.close();
});
