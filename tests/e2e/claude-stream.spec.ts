// A prompt sent on device A is answered by Claude (a scripted fake behind the real server): the reply
// streams onto A and onto B, rendered as Markdown with highlighted code and Copy buttons, and the
// session header adds up its tokens and cost.
import { mkdirSync } from 'node:fs';
import { textReply } from '../../sync-server/src/demo/script';
import { PRICED_MODEL, device, expect, openFromList, recordReplies, replies, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

const SHOTS = 'tests/artifacts/screenshots';
const LAST_LINE = 'Both changes are small; the test passes locally and on CI.';
const CODE = "export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:5173';";
const REPLY = [
	'The login test fails on CI because **`BASE_URL` is undefined** there, so the page opens `undefined/login`.',
	'',
	'Give it a default in `tests/config.ts`:',
	'',
	'```ts',
	CODE,
	'```',
	'',
	'Then run the test again:',
	'',
	'```bash',
	'npm test -- login --reporter=list',
	'```',
	'',
	'- the workflow no longer needs the variable',
	'- local runs keep using `.env`',
	'',
	LAST_LINE
].join('\n');
const USAGE = { input_tokens: 1200, output_tokens: 340, cache_read_input_tokens: 5000, cache_creation_input_tokens: 0 };

test('a reply streams to both devices as Markdown, with code, Copy, per-message usage and session totals', async ({ browser, claude, token }) => {
	const origin = claude.server.origin;
	const a = await device(browser, origin, token, { permissions: ['clipboard-read', 'clipboard-write'] });
	const b = await device(browser, origin, token);
	await createSession(a, 'Flaky login test');
	await openFromList(b, 'Flaky login test');
	const seenOnB = await recordReplies(b);

	// Small deltas with pauses between them: the reply takes a while to arrive in full.
	claude.fake.script(textReply(REPLY, { chunkChars: 10, delayMs: 30, usage: USAGE }));
	await sendPrompt(a, 'Why does the login test fail on CI only?');

	for (const page of [a, b]) {
		const reply = replies(page).last();
		await expect(reply).toHaveAttribute('data-state', 'done');
		await expect(reply).toContainText(LAST_LINE);
		await expect(reply.locator('.code-block')).toHaveCount(2);
		await expect(reply.getByRole('button', { name: 'Copy' })).toHaveCount(2);
		await expect(reply.locator('code.language-typescript .hljs-keyword').first()).toHaveText('export');
		await expect(reply.locator('strong')).toHaveText('BASE_URL is undefined');
		await expect(reply.locator('li')).toHaveCount(2);
		// Usage of the message itself: model, tokens (cache included), duration.
		await expect(reply.locator('header')).toContainText(PRICED_MODEL);
		await expect(reply.locator('header')).toContainText('1,200 in · 340 out · 5,000 cache');
		await expect(reply.locator('header')).toContainText(/\d+\.\d s/);
		// 1,200 × $2 + 340 × $10 + 5,000 × $0.10 per million tokens.
		const totals = page.getByRole('group', { name: 'Session totals' });
		await expect(totals).toContainText('1.2k in · 340 out · 5.0k cache');
		await expect(totals).toContainText('$0.0063');
		await expect(page.getByRole('region', { name: 'Demo mode' })).toHaveCount(0);
	}

	// B saw the reply grow: some of it, still streaming, before the last line arrived.
	const snapshots = await seenOnB();
	const partial = snapshots.filter((s) => s.state === 'streaming' && s.text.length > 0 && !s.text.includes(LAST_LINE));
	expect(partial.length).toBeGreaterThan(0);
	expect(snapshots.at(-1)).toMatchObject({ state: 'done' });

	// Copy puts exactly the code on the clipboard, and says so for a moment.
	const copy = replies(a).last().locator('.code-block').first().getByRole('button');
	await copy.click();
	await expect(copy).toHaveText('Copied');
	expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

	mkdirSync(SHOTS, { recursive: true });
	await a.setViewportSize({ width: 1280, height: 800 });
	await expect(copy).toHaveText('Copy');
	await a.screenshot({ path: `${SHOTS}/claude-markdown-desktop.png` });
	const phone = await device(browser, origin, token, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	await openFromList(phone, 'Flaky login test');
	// On a phone the list covers the session; Esc puts it away.
	await phone.keyboard.press('Escape');
	await expect(phone.getByRole('list', { name: 'All sessions' })).toBeHidden();
	await expect(replies(phone).last()).toContainText(LAST_LINE);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await expect(log(phone)).toBeVisible();
	await phone.screenshot({ path: `${SHOTS}/claude-markdown-phone.png` });
	for (const page of [a, b, phone]) await page.context().close();
});
