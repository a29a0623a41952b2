// "New session" says whether Claude may run shell commands on this server, and if not why: the server
// here runs without WORKSPACE_SHELL, as /api/config reports.
import { expect, test } from '@playwright/test';
import { openRunner } from './runner';

const SHOTS = process.env.SHOTS_DIR;

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
]) {
	test(`New session says why shell commands are off (${viewport.width} px)`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await openRunner(page);
		await page.getByRole('button', { name: 'New session' }).click();
		const dialog = page.getByRole('dialog', { name: 'New session' });
		await expect(dialog.getByText('Shell commands are off: WORKSPACE_SHELL is not set on this server.')).toBeVisible();
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/new-session-shell-${viewport.width}.png` });
	});
}
