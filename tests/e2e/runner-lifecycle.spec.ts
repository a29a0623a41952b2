// Scenario 3 of the original runner: end a session (after confirming), close its tab, reopen it from the
// list, reload; then reopen the session itself, so it takes prompts again.
import { expect, test, type Page } from '@playwright/test';
import { createSession, log, openRunner, promptBox, sendPrompt, tab, userTexts } from './runner';

async function expectEnded(page: Page) {
	await expect(page.getByText('Ended — read-only')).toBeVisible();
	await expect(promptBox(page)).toBeDisabled();
	await expect(page.getByRole('button', { name: 'End session' })).toHaveCount(0);
	await expect.poll(() => userTexts(page)).toEqual(['before the end', 'last words']);
	await expect(log(page).locator('[data-kind="system"]')).toContainText('Session ended.');
}

test('an ended session keeps its messages when reopened from the list, also after a reload', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Keeper');
	await sendPrompt(page, 'before the end');
	await sendPrompt(page, 'last words');
	// Ending asks first; Cancel leaves the session as it was.
	await page.getByRole('button', { name: 'End session' }).click();
	await page.getByRole('dialog', { name: 'End session' }).getByRole('button', { name: 'Cancel' }).click();
	await expect(promptBox(page)).toBeEnabled();
	await page.getByRole('button', { name: 'End session' }).click();
	await page.getByRole('dialog', { name: 'End session' }).getByRole('button', { name: 'End', exact: true }).click();
	await expectEnded(page);

	await tab(page, 'Keeper').getByRole('button', { name: 'Close tab' }).click();
	await expect(page.getByRole('tab')).toHaveCount(0);

	await page.getByRole('button', { name: 'Sessions' }).click();
	const list = page.getByRole('list', { name: 'All sessions' });
	await expect(list.getByRole('listitem')).toContainText(['Ended']);
	await list.getByRole('button', { name: 'Keeper' }).click();
	await expect(tab(page, 'Keeper')).toHaveAttribute('aria-selected', 'true');
	await expectEnded(page);

	await page.reload();
	await expect(tab(page, 'Keeper')).toHaveAttribute('aria-selected', 'true');
	await expectEnded(page);

	await page.getByRole('button', { name: 'Reopen session' }).click();
	await expect(log(page).locator('[data-kind="system"]').last()).toHaveText(/Session reopened\./);
	await expect(promptBox(page)).toBeEnabled();
	await expect(promptBox(page)).toBeFocused();
	await sendPrompt(page, 'back again');
});

test('the original runner address lands on the runner', async ({ page }) => {
	await openRunner(page, '/admin/sessions/runner');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { name: 'No session open' })).toBeVisible();
});
