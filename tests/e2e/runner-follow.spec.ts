// The stream follows new output, stops following when the reader scrolls up (counting what arrives
// below), and jumps back on request or when the reader sends a prompt. A second page of the same
// browser shares the device's storage, so its prompts arrive here as output from elsewhere would.
import { expect, test, type Page } from '@playwright/test';
import { log, openRunner, promptBox, sendPrompt } from './runner';
import { manyMessages, newSession, seedSession } from './seed';

/** `data-seq` of the first message whose bottom is below the top edge of the log. */
const topVisibleSeq = (page: Page) =>
	log(page).evaluate((el) => {
		const top = el.getBoundingClientRect().top;
		const first = [...el.querySelectorAll('[data-kind]')].find((m) => m.getBoundingClientRect().bottom > top);
		return Number(first?.getAttribute('data-seq'));
	});

test('auto-scroll stops when the reader scrolls up and resumes with Jump to latest', async ({ page, context }) => {
	await openRunner(page);
	const session = newSession('Busy stream');
	await seedSession(page, session, manyMessages(300));
	await page.reload();
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Busy stream' }).click();
	await expect(log(page).getByText('Message 300', { exact: true })).toBeInViewport();

	const other = await context.newPage();
	await openRunner(other);
	await expect(other.getByRole('heading', { name: 'Busy stream' })).toBeVisible();
	// A page behind another gets throttled frames; the one under test stays in front.
	await page.bringToFront();
	await sendPrompt(other, 'arrives while following');
	await expect(log(page).getByText('arrives while following')).toBeInViewport();

	await log(page).hover();
	await page.mouse.wheel(0, -1500);
	const jump = page.getByRole('button', { name: /Jump to latest/ });
	await expect(jump).toBeVisible();
	const readingAt = await topVisibleSeq(page);

	await sendPrompt(other, 'arrives while reading above');
	await expect(jump).toHaveText(/1 new/);
	expect(await topVisibleSeq(page)).toBe(readingAt);
	await expect(log(page).getByText('arrives while reading above')).not.toBeInViewport();

	await jump.click();
	await expect(log(page).getByText('arrives while reading above')).toBeInViewport();
	await expect(jump).toHaveCount(0);
	// The keyboard's place is the log the button scrolled, not the page.
	await expect(log(page)).toBeFocused();

	await page.mouse.wheel(0, -1500);
	await expect(jump).toBeVisible();
	await promptBox(page).fill('my own prompt brings me back');
	await promptBox(page).press('Enter');
	await expect(log(page).getByText('my own prompt brings me back')).toBeInViewport();
	await expect(jump).toHaveCount(0);
});
