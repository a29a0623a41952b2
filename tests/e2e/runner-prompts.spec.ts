// Scenario 2 of the original runner: prompts, their history on Up/Down, and a timestamp on each message.
import { expect, test } from '@playwright/test';
import { createSession, log, openRunner, promptBox, sendPrompt } from './runner';

test('sent prompts are queued with timestamps, and Up/Down walk this session’s history', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'History');
	for (const text of ['first prompt', 'second prompt', 'third prompt']) await sendPrompt(page, text);

	const messages = log(page).locator('[data-kind="user"]');
	await expect(messages).toHaveCount(3);
	for (const message of await messages.all()) {
		await expect(message.locator('time')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
		await expect(message.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
		await expect(message).toContainText('queued — will send when online');
	}

	const box = promptBox(page);
	await box.fill('work in progress');
	await box.press('ArrowUp');
	await expect(box).toHaveValue('third prompt');
	await box.press('ArrowUp');
	await expect(box).toHaveValue('second prompt');
	await box.press('ArrowUp');
	await expect(box).toHaveValue('first prompt');
	await box.press('ArrowUp');
	await expect(box).toHaveValue('first prompt');
	await box.press('ArrowDown');
	await expect(box).toHaveValue('second prompt');
	await box.press('ArrowDown');
	await expect(box).toHaveValue('third prompt');
	await box.press('ArrowDown');
	await expect(box).toHaveValue('work in progress');
});

test('Shift+Enter adds a line, and Up inside a multi-line prompt moves the caret instead of recalling', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Lines');
	await sendPrompt(page, 'earlier');
	const box = promptBox(page);
	await box.click();
	await box.pressSequentially('line one');
	await box.press('Shift+Enter');
	await box.pressSequentially('line two');
	await expect(box).toHaveValue('line one\nline two');
	await box.press('ArrowUp');
	await expect(box).toHaveValue('line one\nline two');
	await expect(log(page).locator('[data-kind="user"]')).toHaveCount(1);
	await box.press('Enter');
	await expect(log(page).locator('[data-kind="user"]').last().locator('.text')).toHaveText('line one\nline two');
});
