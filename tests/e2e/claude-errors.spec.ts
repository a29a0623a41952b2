// When Anthropic refuses the server's key, the session says so in an error message that tells the
// person what to do, on every device; once the key works, Retry runs the prompt again.
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, openFromList, replies, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

test('an upstream 401 shows that the API key was refused, and Retry runs the prompt again', async ({ browser, claude, token }) => {
	const a = await device(browser, claude.server.origin, token);
	const b = await device(browser, claude.server.origin, token);
	await createSession(a, 'Bad key');
	await openFromList(b, 'Bad key');
	claude.fake.script(
		{ type: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' },
		textReply('Hello again, the key works now.')
	);
	await sendPrompt(a, 'Hello?');

	for (const page of [a, b]) {
		const error = log(page).locator('[data-kind="error"]');
		await expect(error).toHaveCount(1);
		await expect(error).toContainText('Anthropic refused the server’s API key (401)');
		await expect(error).toContainText('ANTHROPIC_API_KEY');
		await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
	}

	await log(b).locator('[data-kind="error"]').getByRole('button', { name: 'Retry' }).click();
	for (const page of [a, b]) {
		await expect(replies(page).last()).toContainText('Hello again, the key works now.');
		await expect(log(page).getByRole('button', { name: 'Retry' })).toHaveCount(0);
	}
	for (const page of [a, b]) await page.context().close();
});
