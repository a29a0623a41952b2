// A 10,000-message session opens showing its newest messages with only a bounded number of rows in the DOM,
// and older messages load as the reader scrolls up.
import { expect, test } from '@playwright/test';
import { log, openRunner, tab } from './runner';
import { manyMessages, newSession, seedSession } from './seed';

const COUNT = 10_000;
/** A viewport plus overscan holds a few dozen rows; far below what is loaded once scrolled up. */
const MAX_RENDERED = 120;

test('a 10,000-message session renders only its visible part and loads older messages on scroll', async ({ page }) => {
	await openRunner(page);
	const session = newSession('Ten thousand');
	await seedSession(page, session, manyMessages(COUNT));
	await page.reload();

	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Ten thousand' }).click();
	await expect(tab(page, 'Ten thousand')).toHaveAttribute('aria-selected', 'true');

	const stream = log(page);
	const newest = stream.locator('[data-kind]', { hasText: `Message ${COUNT}` });
	await expect(newest).toBeInViewport();
	const rendered = await stream.locator('[data-kind]').count();
	expect(rendered).toBeGreaterThan(3);
	expect(rendered).toBeLessThan(MAX_RENDERED);

	const lowestSeq = async () => Number(await stream.locator('[data-kind]').first().getAttribute('data-seq'));
	const startSeq = await lowestSeq();
	// Messages are in doc order: the one at position n is "Message n+1".
	await expect(stream.locator('[data-kind]').first()).toContainText(`Message ${startSeq + 1}`);
	expect(startSeq).toBeGreaterThan(COUNT - 200);
	// Scroll to the top of what is loaded, a few times over: each time an older page arrives above (the
	// first scroll may only reach the top of the newest page, which renders from below).
	let previous = startSeq;
	for (let i = 0; i < 4; i++) {
		await stream.hover();
		await page.mouse.wheel(0, -20_000);
		await expect.poll(lowestSeq).toBeLessThan(previous);
		previous = await lowestSeq();
	}
	// Over 300 messages are loaded now (the window only grows), yet only those near the viewport render.
	expect(previous).toBeLessThan(COUNT - 300);
	// The window may still grow by a page after the last scroll; whatever renders first is in doc order.
	const first = stream.locator('[data-kind]').first();
	await expect.poll(async () => (await first.textContent())?.includes(`Message ${Number(await first.getAttribute('data-seq')) + 1}`)).toBe(true);
	expect(await stream.locator('[data-kind]').count()).toBeLessThan(MAX_RENDERED);
	const jump = page.getByRole('button', { name: /Jump to latest/ });
	await expect(jump).toBeVisible();

	await jump.click();
	await expect(newest).toBeInViewport();
	await expect(jump).toHaveCount(0);
});
