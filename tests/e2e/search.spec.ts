// Search across sessions with the network off: the index is built on the device, matched words are
// marked (as text, never HTML), and a result opens its session scrolled to the message.
import { expect, test } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import { createSession, log, openRunner, tab } from './runner';
import { manyMessages, newSession, seedSession } from './seed';

const SHOTS = process.env.SHOTS_DIR;

test('finds a message in another session offline and opens the session at it', async ({ page, context }) => {
	await openRunner(page);
	const at = Date.now() - 1_000_000;
	const old = newSession('Flaky CI', at);
	const messages = manyMessages(400, at);
	messages[20] = { ...messages[20]!, text: 'The <img src=x onerror="window.hacked=1"> websocket handshake times out' };
	await seedSession(page, old, messages);
	const other = newSession('Release notes', at + 1);
	await seedSession(page, other, [{ id: newId(at + 2), kind: 'user', text: 'Draft the notes', state: 'done', createdAt: at + 2, meta: {} }]);
	await page.reload();
	// A signed-out device loads its documents once it needs them: creating a session does. Then the
	// network goes, with the search dialog's code already fetched.
	await createSession(page, 'Scratch');
	await page.keyboard.press('Control+Shift+F');
	await expect(page.getByRole('dialog', { name: 'Search' }).getByRole('status')).toHaveText('Type at least two characters.');
	await page.keyboard.press('Escape');
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Sessions' }).click();
	// Seen once on this device (as a synced session is), then another session is on screen.
	for (const title of ['Flaky CI', 'Release notes']) {
		await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: title }).click();
		await expect(tab(page, title)).toHaveAttribute('aria-selected', 'true');
		await expect(log(page).locator('[data-kind]').first()).toBeVisible();
	}
	await tab(page, 'Flaky CI').getByRole('button', { name: /Close tab/ }).click();

	await page.keyboard.press('Control+Shift+F');
	const dialog = page.getByRole('dialog', { name: 'Search' });
	const boxTop = async () => (await dialog.getByRole('searchbox', { name: 'Search messages' }).boundingBox())!.y;
	const emptyTop = await boxTop();
	await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('websocket handsh');
	const results = dialog.getByRole('list', { name: 'Search results' });
	const hit = results.getByRole('button', { name: /Flaky CI/ });
	await expect(hit).toHaveCount(1);
	// The dialog is anchored at the top: results growing below do not move the box.
	expect(await boxTop()).toBe(emptyTop);
	await expect(hit.locator('mark')).toHaveText(['websocket', 'handshake']);
	await expect(hit).toContainText('The <img src=x onerror="window.hacked=1"> websocket');
	expect(await results.locator('img').count()).toBe(0);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/search-${page.viewportSize()!.width}.png` });

	await hit.click();
	await expect(tab(page, 'Flaky CI')).toHaveAttribute('aria-selected', 'true');
	const target = log(page).locator('.row.target');
	await expect(target).toContainText('websocket handshake times out');
	await expect(target).toBeInViewport();
	expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

	// Ctrl+F searches only the session on screen.
	await page.keyboard.press('Control+F');
	const box = dialog.getByRole('searchbox', { name: 'Search messages' });
	await box.fill('notes');
	await expect(dialog.getByRole('status')).toHaveText('0 results');
	// An empty result in this session offers the wider search; the box keeps the focus, so typing goes on.
	await dialog.getByRole('button', { name: 'Search all sessions' }).click();
	await expect(results.getByRole('button', { name: /Release notes/ })).toHaveCount(2);
	await expect(box).toBeFocused();
	await expect(dialog.getByRole('button', { name: 'Search all sessions' })).toHaveCount(0);
	await dialog.getByRole('button', { name: 'This session' }).click();
	await expect(box).toBeFocused();
	await expect(dialog.getByRole('status')).toHaveText('0 results');
	await dialog.getByRole('button', { name: 'All sessions', exact: true }).click();
	await expect(box).toBeFocused();
	await page.keyboard.type(' draft');
	await expect(box).toHaveValue('notes draft');
});
