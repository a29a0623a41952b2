// Screenshots of the runner at desktop and phone size, light and dark, for people to look at
// (tests/artifacts/screenshots/). Each also checks what the layout must do at that size.
import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import type { NewMessage } from '../../src/lib/core/ydoc';
import { createSession, log, openRunner, sendPrompt, tab } from './runner';
import { newSession, seedSession } from './seed';

const DIR = 'tests/artifacts/screenshots';

function showcase(at: number): NewMessage[] {
	const usage = { inputTokens: 1843, outputTokens: 312, cacheReadTokens: 0, cacheWriteTokens: 0 };
	const m = (i: number, rest: Omit<NewMessage, 'id' | 'createdAt'>): NewMessage => ({
		id: newId(at + i * 7000),
		createdAt: at + i * 7000,
		...rest
	});
	return [
		m(0, { kind: 'user', text: 'Why does the login test fail on CI only?', state: 'done', meta: {} }),
		m(1, {
			kind: 'assistant',
			text: 'Let me look at the test and the CI configuration first.',
			state: 'done',
			meta: { model: 'claude-sonnet-5-5', usage }
		}),
		m(2, { kind: 'tool_call', text: '', state: 'done', meta: { toolName: 'read', toolInput: { path: 'tests/login.spec.ts' } } }),
		m(3, { kind: 'tool_result', text: "test('login', async () => {\n  await page.goto(BASE_URL + '/login');", state: 'done', meta: {} }),
		m(4, { kind: 'tool_call', text: '', state: 'done', meta: { toolName: 'bash', toolInput: { command: 'npm test -- login' } } }),
		m(5, {
			kind: 'error',
			text: '',
			state: 'error',
			meta: { error: { reason: 'tool-failed', message: 'bash exited with status 1: BASE_URL is not set' } }
		}),
		m(6, {
			kind: 'assistant',
			text: 'BASE_URL is only set in the local .env file. On CI it is undefined, so the test opens "undefined/login".\nSet it in the workflow or give it a default.',
			state: 'done',
			meta: { model: 'claude-sonnet-5-5', usage: { ...usage, inputTokens: 2960, outputTokens: 96 } }
		}),
		m(7, { kind: 'system', text: 'Workspace restored from the last snapshot.', state: 'done', meta: {} })
	];
}

async function setUp(page: Page) {
	await openRunner(page);
	const session = newSession('Fix CI login test', Date.now() - 3_600_000);
	await seedSession(page, session, showcase(Date.now() - 600_000));
	await page.reload();
	await createSession(page, 'Refactor auth module');
	await createSession(page, 'Docs pass');
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Fix CI login test' }).click();
	await expect(log(page).locator('[data-kind]')).toHaveCount(8);
	await sendPrompt(page, 'Add a default for BASE_URL and run the test again.');
}

for (const colorScheme of ['light', 'dark'] as const) {
	test(`desktop 1280×800, ${colorScheme}: tabs, stream of every kind, prompt`, async ({ page }) => {
		await page.emulateMedia({ colorScheme });
		await page.setViewportSize({ width: 1280, height: 800 });
		await setUp(page);
		await expect(page.getByRole('tablist')).toBeVisible();
		await expect(page.getByRole('list', { name: 'All sessions' })).toBeVisible();
		for (const kind of ['user', 'assistant', 'tool_call', 'tool_result', 'error', 'system']) {
			await expect(log(page).locator(`[data-kind="${kind}"]`).first()).toBeVisible();
		}
		await page.screenshot({ path: `${DIR}/desktop-${colorScheme}.png` });
	});

	test(`phone 390×844, ${colorScheme}: tabs collapse into a menu, touch-sized controls`, async ({ page }) => {
		await page.emulateMedia({ colorScheme });
		await page.setViewportSize({ width: 390, height: 844 });
		await setUp(page);
		await expect(page.getByRole('tablist')).toBeHidden();
		await page.screenshot({ path: `${DIR}/phone-${colorScheme}.png` });

		const menu = page.getByRole('button', { name: /Tabs/ });
		for (const control of [menu, page.getByRole('button', { name: 'Send' }), page.getByRole('button', { name: 'New session' })]) {
			const box = await control.boundingBox();
			expect(box!.height).toBeGreaterThanOrEqual(44);
			expect(box!.width).toBeGreaterThanOrEqual(44);
		}
		const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(scrollWidth).toBeLessThanOrEqual(390);

		await menu.click();
		await expect(page.getByRole('tablist')).toBeVisible();
		await page.screenshot({ path: `${DIR}/phone-${colorScheme}-tabs-menu.png` });
		await tab(page, 'Docs pass').click();
		await expect(page.getByRole('tablist')).toBeHidden();
		await expect(page.getByRole('heading', { name: 'Docs pass' })).toBeVisible();
	});
}

test('help panel lists the keyboard shortcuts and opens with ?', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await openRunner(page);
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	await expect(help).toContainText('New session');
	await expect(help).toContainText('Switch to open tab');
	await page.screenshot({ path: `${DIR}/desktop-help.png` });
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();
	await page.keyboard.press('Control+k');
	await expect(page.getByRole('textbox', { name: 'Session name' })).toBeFocused();
});
