// Two devices of one account, both online: what one writes shows up on the other within a second or
// two, in both directions, through the real server (each device a browser context of its own).
import { expect, test, type Page } from '@playwright/test';
import { openFromList, status, twoDevices } from './devices';
import { createSession, log, sendPrompt, userTexts } from './runner';

const userMessage = (page: Page, text: string) => log(page).locator('[data-kind="user"]', { hasText: text });

test('a session and prompts made on one device appear on the other, both directions', async ({ browser }) => {
	const { a, b, close } = await twoDevices(browser);

	await createSession(a.page, 'Shared work');
	await sendPrompt(a.page, 'from A, first');
	await openFromList(b.page, 'Shared work');
	await expect(userMessage(b.page, 'from A, first')).toBeVisible();

	await sendPrompt(b.page, 'from B, an answer');
	await expect(userMessage(a.page, 'from B, an answer')).toBeVisible();
	await sendPrompt(a.page, 'from A, second');
	await expect(userMessage(b.page, 'from A, second')).toBeVisible();

	await createSession(b.page, 'Started on B');
	await sendPrompt(b.page, 'B asks in its own session');
	await openFromList(a.page, 'Started on B');
	await expect(userMessage(a.page, 'B asks in its own session')).toBeVisible();

	await openFromList(a.page, 'Shared work');
	await openFromList(b.page, 'Shared work');
	const expected = ['from A, first', 'from B, an answer', 'from A, second'];
	await expect.poll(() => userTexts(a.page)).toEqual(expected);
	await expect.poll(() => userTexts(b.page)).toEqual(expected);
	await expect(status(a.page)).toHaveText('Online');
	await expect(status(b.page)).toHaveText('Online');
	await close();
});
