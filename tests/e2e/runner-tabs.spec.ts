// Scenario 1 of the original runner: several named sessions in tabs, each keeping its own state.
import { expect, test } from '@playwright/test';
import { createSession, log, openRunner, promptBox, sendPrompt, switchTo, tab, userTexts } from './runner';

test('three sessions get three tabs, and switching keeps each one’s messages and draft', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Alpha');
	await sendPrompt(page, 'alpha asks first');
	await createSession(page, 'Beta');
	await promptBox(page).fill('beta draft, not sent');
	await createSession(page, 'Gamma');
	await sendPrompt(page, 'gamma asks');

	await expect(page.getByRole('tablist').getByRole('tab')).toHaveCount(3);
	await expect(page.getByRole('tablist').getByRole('tab')).toHaveText([/Alpha/, /Beta/, /Gamma/]);

	await switchTo(page, 'Alpha');
	await expect.poll(() => userTexts(page)).toEqual(['alpha asks first']);
	await expect(promptBox(page)).toHaveValue('');

	await switchTo(page, 'Beta');
	await expect(log(page).locator('[data-kind]')).toHaveCount(0);
	await expect(promptBox(page)).toHaveValue('beta draft, not sent');

	await switchTo(page, 'Gamma');
	await expect.poll(() => userTexts(page)).toEqual(['gamma asks']);

	// Each tab has its own Close tab button; closing one leaves the others as they were.
	await tab(page, 'Beta').getByRole('button', { name: 'Close tab' }).click();
	await expect(page.getByRole('tablist').getByRole('tab')).toHaveCount(2);
	await expect(tab(page, 'Gamma')).toHaveAttribute('aria-selected', 'true');
});

test('a reload restores the open tabs, the active one and the drafts', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'One');
	await promptBox(page).fill('unsent in one');
	await createSession(page, 'Two');
	await switchTo(page, 'One');
	await page.reload();
	await expect(page.getByRole('tablist').getByRole('tab')).toHaveText([/One/, /Two/]);
	await expect(tab(page, 'One')).toHaveAttribute('aria-selected', 'true');
	await expect(promptBox(page)).toHaveValue('unsent in one');
});

test('renames a session and deletes one only after confirming', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Draft name');
	await page.getByRole('button', { name: 'Rename' }).click();
	await page.getByRole('textbox', { name: 'Session title' }).fill('Final name');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(tab(page, 'Final name')).toBeVisible();

	await page.getByRole('button', { name: 'Delete session' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await expect(tab(page, 'Final name')).toBeVisible();

	await page.getByRole('button', { name: 'Delete session' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('tab')).toHaveCount(0);
	await page.getByRole('button', { name: 'Sessions' }).click();
	await expect(page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Final name' })).toHaveCount(0);
});
