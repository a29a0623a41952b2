// A newcomer's first hour: the conversation reads in order, focus lands in the prompt, Esc stops a turn
// and closes panels, and each tab's close button says which tab it closes.
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, replies, test } from './claude-setup';
import { createSession, log, openRunner, promptBox, switchTo, tab } from './runner';

test('three quick prompts display in answer order; the waiting ones say why', async ({ browser, claude, token }) => {
	const page = await device(browser, claude.server.origin, token);
	await createSession(page, 'Quick');
	claude.fake.script(
		textReply('Reply to A.', { delayMs: 350, chunkChars: 1 }),
		textReply('Reply to B.', { delayMs: 20 }),
		textReply('Reply to C.', { delayMs: 20 })
	);
	for (const text of ['Prompt A', 'Prompt B', 'Prompt C']) {
		await promptBox(page).fill(text);
		await promptBox(page).press('Enter');
	}
	const waiting = log(page).locator('[data-kind="user"]', { hasText: 'Prompt C' });
	await expect(waiting.locator('header')).toContainText('queued — waiting for the previous turn');

	await expect(replies(page)).toHaveCount(3, { timeout: 20_000 });
	await expect(replies(page).last()).toHaveAttribute('data-state', 'done');
	const rows = log(page).locator('[data-kind="user"] .text, [data-kind="assistant"] .markdown');
	await expect(rows).toHaveText(['Prompt A', 'Reply to A.', 'Prompt B', 'Reply to B.', 'Prompt C', 'Reply to C.']);
	await page.context().close();
});

test('Esc in the prompt stops the running turn', async ({ browser, claude, token }) => {
	const page = await device(browser, claude.server.origin, token);
	await createSession(page, 'Escape key');
	claude.fake.script(textReply('Counting slowly: one, two, three, four, five, six, seven, eight…', { chunkChars: 4, end: 'hang' }));
	await promptBox(page).fill('Count');
	await promptBox(page).press('Enter');
	await expect(replies(page).last()).toHaveAttribute('data-state', 'streaming');
	await promptBox(page).press('Escape');
	await expect(replies(page).last()).toHaveAttribute('data-state', 'interrupted');
	await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
	await page.context().close();
});

test('focus moves to the prompt after creating or switching a session', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'First');
	await expect(promptBox(page)).toBeFocused();
	// A space typed next lands in the prompt, not on "New session" (which would open the dialog again).
	await page.keyboard.type(' hello');
	await expect(page.getByRole('dialog', { name: 'New session' })).toHaveCount(0);
	await expect(promptBox(page)).toHaveValue(' hello');

	await createSession(page, 'Second');
	await expect(promptBox(page)).toBeFocused();
	await switchTo(page, 'First');
	await expect(promptBox(page)).toBeFocused();
	await expect(promptBox(page)).toHaveValue(' hello');
	await page.keyboard.press('Alt+2');
	await expect(tab(page, 'Second')).toHaveAttribute('aria-selected', 'true');
	await expect(promptBox(page)).toBeFocused();

	// Each close button names its tab.
	await expect(tab(page, 'First').getByRole('button')).toHaveAccessibleName('Close tab First');
	await expect(tab(page, 'Second').getByRole('button')).toHaveAccessibleName('Close tab Second');
});

test('Esc closes the sessions panel', async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Panel');
	await page.getByRole('button', { name: 'Sessions' }).click();
	await expect(page.getByRole('list', { name: 'All sessions' })).toBeVisible();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Panel' }).focus();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('list', { name: 'All sessions' })).toHaveCount(0);
});
