// A newcomer's first hour: the conversation reads in order, focus lands in the prompt, Esc stops a turn
// and closes panels, each tab's close button says which tab it closes, each session keeps its scroll
// position, and tabs say which sessions run, wait for approval or have new output.
import type { Page } from '@playwright/test';
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, replies, test } from './claude-setup';
import { createSession, log, openRunner, promptBox, sendPrompt, switchTo, tab } from './runner';
import { manyMessages, newSession, seedSession } from './seed';

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

/** The first line of the message at the top of the stream's viewport. */
function topMessage(page: Page): Promise<string | undefined> {
	return log(page).evaluate((scroller) => {
		const top = scroller.getBoundingClientRect().top;
		const first = [...scroller.querySelectorAll<HTMLElement>('[data-kind]')].find((el) => el.getBoundingClientRect().bottom > top + 1);
		return first?.querySelector('.text, .markdown')?.textContent?.trim().split('\n')[0];
	});
}

test('each session keeps its scroll position when switching tabs', async ({ page }) => {
	await openRunner(page);
	await seedSession(page, newSession('Long read', Date.now() - 3_600_000), manyMessages(80, Date.now() - 600_000));
	await page.reload();
	await createSession(page, 'Elsewhere');
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Long read' }).click();
	await expect(log(page).getByText('Message 80', { exact: true })).toBeInViewport();

	// Read back up a long way; the place is somewhere in the middle.
	await log(page).hover();
	for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -600);
	await expect(log(page).getByText('Message 80', { exact: true })).not.toBeInViewport();
	let place: string | undefined;
	await expect.poll(async () => (place = await topMessage(page))).toMatch(/^Message \d+$/);
	// The wheel has settled when the top message stops changing.
	await expect.poll(async () => {
		const before = place;
		place = await topMessage(page);
		return place === before;
	}).toBe(true);

	await switchTo(page, 'Elsewhere');
	await expect(log(page).getByText('Message 80', { exact: true })).toHaveCount(0);
	await switchTo(page, 'Long read');
	await expect.poll(() => topMessage(page)).toBe(place);
	await expect(log(page).getByText('Message 80', { exact: true })).not.toBeInViewport();
});

test('tabs say which sessions run, wait for approval or have new output, also to assistive technology', async ({ browser, claude, token }) => {
	const page = await device(browser, claude.server.origin, token);
	await createSession(page, 'Busy');
	claude.fake.script(textReply('Working on it, one careful step after another, until it is done.', { chunkChars: 1, delayMs: 60 }));
	await sendPrompt(page, 'Work');
	await expect(replies(page).last()).toHaveAttribute('data-state', 'streaming');
	await createSession(page, 'Asker');
	await expect(tab(page, 'Busy')).toHaveAccessibleDescription('running');
	await expect(tab(page, 'Busy')).toHaveAccessibleDescription('new output', { timeout: 20_000 });

	claude.fake.script({ type: 'message', content: [{ type: 'tool_use', id: 'toolu_tabs1', name: 'write', input: { path: 'a.txt', content: 'a\n' } }] });
	await sendPrompt(page, 'Write a file');
	await expect(page.getByRole('region', { name: /^Approval needed/ })).toBeVisible();
	await createSession(page, 'Quiet');
	await expect(tab(page, 'Asker')).toHaveAccessibleDescription('waiting for approval');
	await expect(tab(page, 'Quiet')).toHaveAccessibleDescription('');

	// Opening a tab reads its new output.
	await switchTo(page, 'Busy');
	await expect(tab(page, 'Busy')).toHaveAccessibleDescription('');
	await expect(tab(page, 'Asker')).toHaveAccessibleDescription('waiting for approval');
	await page.context().close();
});
