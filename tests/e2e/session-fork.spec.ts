// "Fork from here" on a prompt: a new tab holds the conversation before that prompt, with the prompt in
// its prompt box to edit; what is sent there continues from the earlier turns only, and the original
// session stays as it was.
import type { Page } from '@playwright/test';
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, replies, test } from './claude-setup';
import { createSession, log, promptBox, sendPrompt, tab } from './runner';

const prompts = (page: Page) => log(page).locator('[data-kind="user"] .text');
/** Longer than a tab: its fork's tab must still show "(fork)". */
const TITLE = 'Report the dates of every release';

test('forking from the second prompt opens a new tab with the first turn and the second prompt as its draft', async ({ browser, claude, token }) => {
	const page = await device(browser, claude.server.origin, token);
	await createSession(page, TITLE);
	claude.fake.script(textReply('There are two dates.'), textReply('Both are ISO now.'));
	await sendPrompt(page, 'Which dates are in the report?');
	await expect(replies(page).last()).toContainText('There are two dates.');
	await sendPrompt(page, 'Format them as ISO');
	await expect(replies(page).last()).toContainText('Both are ISO now.');

	await log(page).locator('[data-kind="user"]', { hasText: 'Format them as ISO' }).getByRole('button', { name: 'Fork from here' }).click();
	const forkTab = tab(page, `${TITLE} (fork)`);
	await expect(forkTab).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('heading', { name: `${TITLE} (fork)`, exact: true })).toBeVisible();
	// The tab shortens the title in its middle: "(fork)" is not cut off, the full title is its tooltip.
	const suffix = forkTab.getByText('(fork)');
	expect(await suffix.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
	await expect(forkTab.locator('[title]').first()).toHaveAttribute('title', `${TITLE} (fork)`);
	await expect(prompts(page)).toHaveText(['Which dates are in the report?']);
	await expect(replies(page)).toHaveCount(1);
	await expect(replies(page)).toContainText('There are two dates.');
	await expect(promptBox(page)).toHaveValue('Format them as ISO');
	await expect(promptBox(page)).toBeFocused();

	// Edited and sent, the prompt continues from the first turn: Claude never sees the second.
	claude.fake.script(textReply('Both are RFC 2822 now.'));
	const next = claude.fake.requests.length + 1;
	await promptBox(page).fill('Format them as RFC 2822');
	await promptBox(page).press('Enter');
	await expect(replies(page).last()).toContainText('Both are RFC 2822 now.');
	const sent = JSON.stringify(((await claude.fake.request(next)).body as { messages: unknown }).messages);
	expect(sent).toContain('There are two dates.');
	expect(sent).not.toContain('Format them as ISO');

	await tab(page, TITLE).click();
	await expect(prompts(page)).toHaveText(['Which dates are in the report?', 'Format them as ISO']);
	await expect(replies(page).last()).toContainText('Both are ISO now.');
	await page.context().close();
});
