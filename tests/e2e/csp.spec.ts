// The Content-Security-Policy the server sends holds with the app working: the main screens (runner, a
// session with a Markdown reply, settings, search) cause no violation, and script injected into the page,
// as model output that got past the renderer would be, is refused.
import { textReply } from '../../sync-server/src/demo/script';
import { expect, replies, test } from './claude-setup';
import { signIn } from './devices';
import { createSession, log, sendPrompt } from './runner';

declare global {
	interface Window {
		cspViolations: string[];
		hacked?: number;
	}
}

const REPLY = [
	'## Plan',
	'',
	'1. Read **the config**',
	'2. Run `npm test`',
	'',
	'```ts',
	'const ok = true;',
	'```',
	'',
	'<script>window.hacked = 1</script><img src="x" onerror="window.hacked = 2">',
	'[a link](javascript:window.hacked=3)'
].join('\n');

test('the app runs under its CSP with no violation, and an inline script is refused', async ({ browser, claude, token }) => {
	const context = await browser.newContext({ baseURL: claude.server.origin });
	await context.addInitScript(() => {
		window.cspViolations = [];
		addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const page = await context.newPage();
	const consoleCsp: string[] = [];
	page.on('console', (message) => /Content Security Policy/i.test(message.text()) && consoleCsp.push(message.text()));
	await signIn(page, token);

	await createSession(page, 'Under CSP');
	claude.fake.script(textReply(REPLY));
	await sendPrompt(page, 'Make a plan');
	await expect(replies(page).last()).toHaveAttribute('data-state', 'done');
	await expect(log(page).getByRole('heading', { name: 'Plan' })).toBeVisible();
	await expect(log(page).locator('pre code')).toContainText('const ok = true;');

	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+Shift+F');
	const search = page.getByRole('dialog', { name: 'Search' });
	await search.getByRole('searchbox', { name: 'Search messages' }).fill('config');
	await expect(search.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Under CSP/ })).not.toHaveCount(0);
	await page.keyboard.press('Escape');

	expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
	expect(consoleCsp).toEqual([]);
	expect(await page.evaluate(() => window.hacked)).toBeUndefined();

	// Script in the page without the policy's hash does not run, and the browser reports it.
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.hacked = 4';
		document.body.append(script);
	});
	await expect.poll(() => page.evaluate(() => window.cspViolations)).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/)]);
	expect(await page.evaluate(() => window.hacked)).toBeUndefined();
	await context.close();
});
