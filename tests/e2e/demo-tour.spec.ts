// The demo model from a fresh start (the e2e server has no key): a suggested first prompt starts a tour
// that writes and edits a file after approval on a second device; the file shows in Files, its diffs in
// Changes, and every demo reply says it is the demo.
import { expect, test, type Page } from '@playwright/test';
import { openFromList, twoDevices } from './devices';
import { createSession, log } from './runner';

const approval = (page: Page) => page.getByRole('region', { name: /^Approval needed/ });
const replies = (page: Page) => log(page).locator('[data-kind="assistant"]');

test('the demo writes a file approved on a second device; it shows in Files and Changes', async ({ browser }) => {
	// Two devices and a demo that streams at its reading pace: slower than most flows on a busy machine.
	test.setTimeout(120_000);
	const { a, b, close } = await twoDevices(browser);
	await createSession(a.page, 'Demo tour');
	const suggestions = a.page.getByRole('list', { name: 'Suggested prompts' });
	await expect(suggestions.getByRole('button')).toHaveCount(3);
	await suggestions.getByRole('button', { name: /^Show me what you can do/ }).click();
	await expect(suggestions).toHaveCount(0);

	await openFromList(b.page, 'Demo tour');
	await expect(approval(b.page)).toContainText('write greet.py');
	await approval(b.page).getByRole('button', { name: 'Approve' }).click();
	await expect(approval(b.page)).toContainText('edit greet.py');
	await approval(b.page).getByRole('button', { name: 'Approve' }).click();

	await expect(replies(a.page).last()).toContainText('Here is what happened', { timeout: 20_000 });
	await expect(replies(a.page).last()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
	await expect(replies(a.page).last().locator('pre code').first()).toContainText('def greet(name: str) -> str:');
	for (const reply of await replies(a.page).all()) await expect(reply).toContainText('Demo model — a scripted reply, not Claude');
	// Each tool row opens to show its whole input.
	const write = log(a.page).locator('[data-kind="tool_call"]').first();
	await write.getByText('Input').click();
	await expect(write.locator('details pre')).toContainText('"content": "\\"\\"\\"A greeting');

	await a.page.getByRole('button', { name: 'Files', exact: true }).click();
	await expect(a.page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'greet.py' })).toBeVisible();
	await a.page.getByRole('button', { name: /^Changes/ }).click();
	const changes = a.page.getByRole('region', { name: 'Changes' });
	await expect(changes.getByRole('list', { name: 'Changed files' })).toContainText('greet.py');
	await expect(changes).toContainText('for name in ("world", "phone", "laptop"):');
	// Lines added and removed per call: the created 6-line script is +6 −0, the edit +2 −1.
	await expect(changes.getByRole('article', { name: /^write greet\.py$/i }).locator('header .counts')).toHaveText('+6 −0');
	await expect(changes.getByRole('article', { name: /^edit greet\.py$/i }).locator('header .counts')).toHaveText('+2 −1');
	// The file itself counts from nothing to its last text: a new file of 7 lines, not the calls' sum.
	await expect(changes.getByRole('list', { name: 'Changed files' }).locator('.counts')).toHaveText('+7 −0');
	await close();
});

test('a long prompt shows its start, and "Show all" shows the rest', async ({ browser }) => {
	const { a, close } = await twoDevices(browser);
	await createSession(a.page, 'Long prompt');
	const long = Array.from({ length: 600 }, (_, i) => `line ${i} of a pasted log`).join('\n');
	await a.page.getByRole('textbox', { name: 'Prompt' }).fill(long);
	await a.page.getByRole('textbox', { name: 'Prompt' }).press('Enter');
	const prompt = log(a.page).locator('[data-kind="user"]');
	await expect(prompt.locator('.text')).toContainText('line 0 of a pasted log');
	await expect(prompt.locator('.text')).not.toContainText('line 599');
	expect((await prompt.boundingBox())!.height).toBeLessThan(400);
	await prompt.getByRole('button', { name: /^Show all \(/ }).click();
	await expect(prompt.locator('.text')).toContainText('line 599 of a pasted log');
	await close();
});
