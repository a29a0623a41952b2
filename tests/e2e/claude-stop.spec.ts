// Turn controls across devices: Stop pressed on B ends a turn A started, keeping what had arrived; the
// cut-off turn offers Retry everywhere, which runs it again once. A prompt held back by the account's
// limit says why it waits.
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import { textReply } from '../../sync-server/src/demo/script';
import { device, expect, openFromList, replies, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

// Two turns at once per account, whatever the shell running the tests has set.
test.use({ serverEnv: { TURNS_PER_TENANT: '2', PROMPTS_PER_MINUTE: '60' } });

const PARTIAL = 'Step one is done. Step two is underway, and';
/** Streams its text, then never ends (until the runner hangs up). */
const hanging = (text: string): ScriptedReply => textReply(text, { chunkChars: 8, end: 'hang' });

test('Stop on B ends the turn A started, keeps the partial text, and Retry runs it again once', async ({ browser, claude, token }) => {
	const a = await device(browser, claude.server.origin, token);
	const b = await device(browser, claude.server.origin, token);
	await createSession(a, 'Long job');
	await openFromList(b, 'Long job');
	const first = claude.fake.requests.length + 1;
	claude.fake.script(hanging(PARTIAL), textReply('All steps are done now.'));
	await sendPrompt(a, 'Run every step');

	await expect(replies(b).last()).toHaveAttribute('data-state', 'streaming');
	await expect(replies(b).last()).toContainText(PARTIAL);
	await expect(a.getByRole('button', { name: 'Stop' })).toBeVisible();
	await b.getByRole('button', { name: 'Stop' }).click();

	expect(await (await claude.fake.request(first)).ended).toBe('client-closed');
	for (const page of [a, b]) {
		const reply = replies(page).last();
		await expect(reply).toHaveAttribute('data-state', 'interrupted');
		await expect(reply.locator('header')).toContainText('stopped');
		await expect(reply).toContainText(PARTIAL);
		await expect(reply.getByRole('button', { name: 'Retry' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
	}

	await replies(a).last().getByRole('button', { name: 'Retry' }).click();
	for (const page of [a, b]) {
		await expect(log(page).locator('[data-kind="user"]', { hasText: 'Run every step' })).toHaveCount(2);
		await expect(replies(page).last()).toContainText('All steps are done now.');
		await expect(replies(page).last()).toHaveAttribute('data-state', 'done');
		await expect(log(page).getByRole('button', { name: 'Retry' })).toHaveCount(0);
	}
	// The retry asked Claude the same question again, without the cut-off attempt.
	const retried = (await claude.fake.request(first + 1)).body as { messages: Array<{ role: string; content: unknown }> };
	expect(JSON.stringify(retried.messages)).toContain('Run every step');
	expect(JSON.stringify(retried.messages)).not.toContain(PARTIAL);
	for (const page of [a, b]) await page.context().close();
});

test('a prompt over the account’s limit of turns at once says why it waits, and starts when one ends', async ({ browser, claude, token }) => {
	const a = await device(browser, claude.server.origin, token);
	claude.fake.script(hanging('first is busy'), hanging('second is busy'), textReply('third ran'));
	for (const title of ['One', 'Two', 'Three']) {
		await createSession(a, title);
		await sendPrompt(a, `work in ${title}`);
		if (title !== 'Three') await expect(replies(a).last()).toHaveAttribute('data-state', 'streaming');
	}
	const waiting = log(a).locator('[data-kind="user"]', { hasText: 'work in Three' });
	await expect(waiting).toHaveAttribute('data-state', 'queued');
	await expect(waiting.locator('header')).toContainText('2 other turns are running for this account (at most 2 at once)');

	await openFromList(a, 'One');
	await a.getByRole('button', { name: 'Stop' }).click();
	await expect(replies(a).last()).toHaveAttribute('data-state', 'interrupted');
	await openFromList(a, 'Three');
	await expect(replies(a).last()).toContainText('third ran');
	await expect(log(a).locator('[data-kind="user"]')).toHaveAttribute('data-state', 'done');
	await openFromList(a, 'Two');
	await a.getByRole('button', { name: 'Stop' }).click();
	await expect(replies(a).last()).toHaveAttribute('data-state', 'interrupted');
	await a.context().close();
});
