// Whatever the model writes stays text: HTML, script, event handlers and javascript: links in a reply
// render inert on the devices that show it. The session's model has no price here, so the header says so.
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, openFromList, replies, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

test.use({ serverEnv: { CLAUDE_MODEL: 'claude-unlisted-test-model' } });

const HOSTILE = [
	'Here you go: <img src=x onerror="alert(\'img\')"> and <script>alert(\'script\')</script>',
	'',
	"[click me](javascript:alert('link')) and [encoded](java&#115;cript:alert('entity'))",
	'',
	'<iframe src="javascript:alert(\'frame\')"></iframe>',
	'',
	'<a href="javascript:alert(\'raw\')">raw link</a> <svg onload="alert(\'svg\')"><circle r="5"/></svg>',
	'',
	'<div style="position:fixed;inset:0;background:red">cover</div>',
	'',
	'The end.'
].join('\n');

test('hostile Markdown from the model renders inert on both devices', async ({ browser, claude, token }) => {
	const a = await device(browser, claude.server.origin, token);
	const b = await device(browser, claude.server.origin, token);
	const dialogs: string[] = [];
	for (const page of [a, b]) {
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
	}
	await createSession(a, 'Hostile');
	await openFromList(b, 'Hostile');
	claude.fake.script(textReply(HOSTILE, { chunkChars: 7, delayMs: 5 }));
	await sendPrompt(a, 'Show me some HTML');

	for (const page of [a, b]) {
		const reply = replies(page).last();
		await expect(reply).toHaveAttribute('data-state', 'done');
		await expect(reply).toContainText('The end.');
		await expect(reply.locator('img, script, iframe, svg, div[style], [onerror], [onload]')).toHaveCount(0);
		await expect(reply.locator('a[href]')).toHaveCount(0);
		// The markup shows as text.
		await expect(reply).toContainText('<img src=x onerror="alert(\'img\')">');
		await expect(reply).toContainText("<script>alert('script')</script>");
		// The links' words remain, without anywhere to go; clicking them does nothing.
		await reply.getByText('click me').click();
		await reply.getByText('encoded').click();
		await expect(page.getByText('cover', { exact: true })).toHaveCount(0);
		await expect(page.getByRole('group', { name: 'Session totals' })).toContainText('unpriced');
	}
	expect(dialogs).toEqual([]);
	await expect(log(a).locator('script, iframe')).toHaveCount(0);
	for (const page of [a, b]) await page.context().close();
});
