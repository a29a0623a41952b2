// Scenario 4 of the original runner: many sessions at once, prompts to several, rapid switching, no leaks.
import { expect, test } from '@playwright/test';
import { createSession, openRunner, promptBox, sendPrompt, switchTo, tab, userTexts } from './runner';

const NAMES = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];

test('six sessions: prompts, drafts and history never leak between them under rapid switching', async ({ page }) => {
	await openRunner(page);
	for (const name of NAMES) await createSession(page, name);

	const sent: Record<string, string[]> = Object.fromEntries(NAMES.map((n) => [n, []]));
	for (const [round, name] of ['S3', 'S1', 'S5', 'S3', 'S6', 'S1', 'S3'].entries()) {
		await switchTo(page, name);
		const text = `${name} prompt ${round}`;
		await sendPrompt(page, text);
		sent[name].push(text);
	}
	for (const name of NAMES) {
		await switchTo(page, name);
		await promptBox(page).fill(`${name} draft`);
	}

	// Rapid switching by keyboard and by clicks, without waiting in between.
	for (let i = 0; i < 4; i++) for (const digit of [1, 4, 2, 6, 3, 5]) await page.keyboard.press(`Alt+Digit${digit}`);
	for (const name of [...NAMES].reverse()) await tab(page, name).click();

	for (const name of NAMES) {
		await switchTo(page, name);
		await expect(promptBox(page)).toHaveValue(`${name} draft`);
		await expect.poll(() => userTexts(page)).toEqual(sent[name]);
		await promptBox(page).fill('');
		await promptBox(page).press('ArrowUp');
		await expect(promptBox(page)).toHaveValue(sent[name].at(-1) ?? '');
	}
});
