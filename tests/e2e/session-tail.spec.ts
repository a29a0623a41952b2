// A device that never had a long session shows its newest messages at once, from the server, before the
// session's document has synced (its socket is held back here); once it has, the mirrored rows take over:
// the whole session scrolls back to its first message, nothing shown twice and nothing out of order.
import { expect, test, type Page } from '@playwright/test';
import { claimTenant, newDevice, openFromList } from './devices';
import { log } from './runner';
import { manyMessages, newSession, sessionUpdate } from './seed';
import { seedOnServer } from '../helpers/server-seed';

const COUNT = 300;

/** The rendered rows as [seq, n] where the row's text reads "Message n". */
async function renderedRows(page: Page): Promise<[number, number][]> {
	const rows = await log(page).locator('[data-seq]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-seq'), el.textContent]));
	return rows.map(([seq, text]) => [Number(seq), Number(/Message (\d+)/.exec(text ?? '')?.[1])]);
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

	const { context, page } = await newDevice(browser);
	// The index syncs (the list comes through it); the session's own document cannot until released.
	let held = true;
	await page.routeWebSocket(/\/sync\/session\//, (ws) => {
		if (held) ws.close();
		else ws.connectToServer();
	});
	await page.goto(`/signin#token=${encodeURIComponent(tenant.token)}`);
	await expect(page).toHaveURL(/\/$/);
	await openFromList(page, 'From the server');

	const stream = log(page);
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
	await context.close();
});
