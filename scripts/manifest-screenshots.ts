// Takes the web manifest's screenshots (static/screenshots/) of the built app served by the real server,
// in Debian's Chromium. Run after `npx vite build`: `npx tsx scripts/manifest-screenshots.ts`; commit the PNGs.
import { chromium, type Browser, type Page } from '@playwright/test';
import { newId } from '../src/lib/core/ids';
import type { NewMessage } from '../src/lib/core/ydoc';
import { spawnServer } from '../tests/helpers/server-process';
import { newSession, seedSession } from '../tests/e2e/seed';
import { chromiumLaunch } from '../playwright.config';

// Each shot signs in as its own tenant, so the sessions it seeds are the only ones it sees.
const SHOTS = [
	{ path: 'static/screenshots/wide.png', width: 1280, height: 800, tenant: 'wide' },
	{ path: 'static/screenshots/narrow.png', width: 390, height: 844, tenant: 'narrow' }
];
const tokenOf = (tenant: string) => `tok-${tenant}-screenshots-session-runner`;

function conversation(at: number): NewMessage[] {
	const usage = { inputTokens: 2210, outputTokens: 340, cacheReadTokens: 0, cacheWriteTokens: 0 };
	const rows: Omit<NewMessage, 'id' | 'createdAt'>[] = [
		{ kind: 'user', text: 'The date picker shows yesterday for people in UTC-8. Can you find out why?', state: 'done', meta: {} },
		{ kind: 'assistant', text: 'I will look at how the picker parses its value.', state: 'done', meta: { model: 'claude-sonnet-5-5', usage } },
		{ kind: 'tool_call', text: '', state: 'done', meta: { toolName: 'read', toolInput: { path: 'src/lib/DatePicker.svelte' } } },
		{ kind: 'tool_result', text: "const day = new Date(value); // '2025-03-14' is parsed as UTC midnight", state: 'done', meta: {} },
		{
			kind: 'assistant',
			text: "`new Date('2025-03-14')` is read as UTC midnight, which is the evening before west of UTC. Parsing the parts and building a local date fixes it.",
			state: 'done',
			meta: { model: 'claude-sonnet-5-5', usage: { ...usage, inputTokens: 3120, outputTokens: 120 } }
		},
		{ kind: 'user', text: 'Do it, and add a test for UTC-8.', state: 'done', meta: {} }
	];
	return rows.map((row, i) => ({ id: newId(at + i * 9000), createdAt: at + i * 9000, ...row }));
}

async function shoot(browser: Browser, origin: string, shot: (typeof SHOTS)[number]) {
	const page: Page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: 'light' });
	// Signed in, as an installed app usually is, so the header shows the device online.
	await page.goto(`${origin}/signin#token=${tokenOf(shot.tenant)}`);
	await page.getByRole('status').filter({ hasText: /^Online$/ }).waitFor();
	const now = Date.now();
	for (const title of ['Release notes draft', 'Flaky upload test']) await seedSession(page, newSession(title, now - 7_200_000), []);
	await seedSession(page, newSession('Date picker off by one day', now - 3_600_000), conversation(now - 900_000));
	await page.reload();
	// Opened in this order, the last one is active; on a phone the list closes after each pick.
	const list = page.getByRole('list', { name: 'All sessions' });
	for (const title of ['Flaky upload test', 'Release notes draft', 'Date picker off by one day']) {
		if (!(await list.isVisible())) await page.getByRole('button', { name: 'Sessions' }).click();
		await list.getByRole('button', { name: title }).click();
	}
	await page.getByRole('log', { name: 'Session output' }).locator('[data-kind="user"]').nth(1).waitFor();
	await page.getByRole('status').filter({ hasText: /^Online$/ }).waitFor();
	await page.mouse.move(shot.width / 2, shot.height / 2);
	await page.screenshot({ path: shot.path });
	await page.close();
}

const AUTH_TOKENS = SHOTS.map((shot) => `${shot.tenant}:${tokenOf(shot.tenant)}`).join(',');
const server = await spawnServer({ env: { STATIC_DIR: 'build', AUTH_TOKENS, ANTHROPIC_API_KEY: '' } });
const browser = await chromium.launch(chromiumLaunch);
try {
	for (const shot of SHOTS) await shoot(browser, server.origin, shot);
} finally {
	await browser.close();
	await server.kill();
}
