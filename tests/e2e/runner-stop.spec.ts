// While a turn runs the prompt offers Stop; pressing it asks the server (through the doc) and waits.
import { expect, test } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import { openRunner, promptBox } from './runner';
import { newSession, seedSession } from './seed';

test('a running turn shows Stop, which turns into a pending request when pressed', async ({ page }) => {
	await openRunner(page);
	const session = newSession('Busy');
	const at = Date.now();
	const promptId = newId(at);
	await seedSession(page, session, [
		{ id: promptId, kind: 'user', text: 'run the whole test suite', state: 'running', createdAt: at, meta: {} },
		{ id: newId(at + 1), kind: 'assistant', text: 'Running', state: 'streaming', createdAt: at + 1, meta: { replyTo: promptId } }
	]);
	await page.reload();
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Busy' }).click();
	const stop = page.getByRole('button', { name: 'Stop' });
	await expect(stop).toBeEnabled();
	await stop.click();
	await expect(stop).toBeDisabled();
	// The keyboard's place is the prompt, not the page.
	await expect(promptBox(page)).toBeFocused();
	await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});
