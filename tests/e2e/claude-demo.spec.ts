// Without ANTHROPIC_API_KEY the server's demo model answers, and every device says so plainly.
import { device, expect, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

test.use({ serverEnv: { ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '' } });

const BANNER = 'Demo model — set ANTHROPIC_API_KEY on the server to talk to Claude';

test('the demo banner shows without a key, can be dismissed, and is back after a reload', async ({ browser, claude, token }) => {
	const page = await device(browser, claude.server.origin, token);
	const banner = page.getByRole('region', { name: 'Demo mode' });
	await expect(banner.getByText(BANNER)).toBeVisible();
	// The demo model does answer.
	await createSession(page, 'Trying it out');
	await sendPrompt(page, 'Hello');
	await expect(log(page).locator('[data-kind="assistant"]').last()).toHaveAttribute('data-state', 'done');
	await page.screenshot({ path: 'tests/artifacts/screenshots/claude-demo-banner.png' });

	await banner.getByRole('button', { name: 'Dismiss demo notice' }).click();
	await expect(banner).toHaveCount(0);
	await page.reload();
	await expect(banner.getByText(BANNER)).toBeVisible();
	await page.context().close();
});

const SHOTS = process.env.SHOTS_DIR;

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 1024, height: 768 },
	{ width: 390, height: 844 }
]) {
	test(`the session header keeps its height when the totals arrive (${viewport.width} px)`, async ({ browser, claude, token }) => {
		const page = await device(browser, claude.server.origin, token, { viewport });
		await createSession(page, 'Header rows');
		const logTop = async () => (await log(page).boundingBox())!.y;
		const before = await logTop();
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/header-before-${viewport.width}.png` });
		await sendPrompt(page, 'What is this app?');
		await expect(log(page).locator('[data-kind="assistant"]').last()).toHaveAttribute('data-state', 'done');
		await expect(page.getByRole('group', { name: 'Session totals' })).toContainText(' in · ');
		expect(await logTop()).toBe(before);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/header-after-${viewport.width}.png` });
		await page.context().close();
	});
}
