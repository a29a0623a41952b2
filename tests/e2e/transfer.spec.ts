// Export a session as Markdown and JSON, import the JSON back as a new session, and refuse a hostile file.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import { createSession, openRunner } from './runner';
import { newSession, seedSession } from './seed';

const SHOTS = process.env.SHOTS_DIR;

async function seedOne(page: Page) {
	const at = Date.now() - 60_000;
	const session = newSession('Parser fix', at);
	await seedSession(page, session, [
		{ id: newId(at), kind: 'user', text: 'Rename foo to bar', state: 'done', createdAt: at, meta: {} },
		{ id: newId(at + 1), kind: 'tool_call', text: '', state: 'done', createdAt: at + 1, meta: { toolName: 'edit', toolInput: { path: 'a.ts' } } },
		{
			id: newId(at + 2),
			kind: 'tool_result',
			text: 'Edited a.ts',
			state: 'done',
			createdAt: at + 2,
			meta: { changes: [{ path: 'a.ts', before: 'foo', after: 'bar', patch: '-foo\n+bar\n' }] }
		},
		{ id: newId(at + 3), kind: 'assistant', text: 'Done: **foo** is now bar.', state: 'done', createdAt: at + 3, meta: {} }
	]);
	await page.reload();
	// A signed-out device loads its documents once it needs them: creating a session does.
	await createSession(page, 'Scratch');
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Parser fix' }).click();
	await expect(page.getByRole('heading', { name: 'Parser fix' })).toBeVisible();
}

async function downloaded(page: Page, button: string): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
	return readFile((await file.path())!, 'utf8');
}

const sessionButtons = (page: Page) => page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: 'Parser fix' });

test('a session exports as Markdown and JSON, and the JSON imports back as a new session', async ({ page }) => {
	await openRunner(page);
	await seedOne(page);
	await page.getByRole('button', { name: 'Export', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Export and import' });
	await expect(dialog).toBeVisible();
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/transfer-${page.viewportSize()!.width}.png` });

	const markdown = await downloaded(page, 'Export as Markdown');
	expect(markdown).toContain('# Parser fix');
	expect(markdown).toContain('Rename foo to bar');
	expect(markdown).toContain('#### Tool call: edit');
	expect(markdown).toContain('```diff\n-foo\n+bar\n```');

	const json = await downloaded(page, 'Export as JSON');
	expect(JSON.parse(json)).toMatchObject({ format: 'session-runner/export', version: 1, sessions: [{ session: { title: 'Parser fix' } }] });

	await dialog.getByLabel('Import from a file…').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(json) });
	await expect(dialog.getByRole('status')).toHaveText('Imported 1 session as new sessions.');
	await expect(sessionButtons(page)).toHaveCount(2);

	await dialog.getByLabel('Import from a file…').setInputFiles({
		name: 'evil.json',
		mimeType: 'application/json',
		buffer: Buffer.from(json.replace(/"kind": *"user"/, '"kind": "<img src=x onerror=alert(1)>"'))
	});
	await expect(dialog.getByRole('alert')).toContainText('Nothing was imported. The file is damaged');
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(sessionButtons(page)).toHaveCount(2);

	// The imported copy reads like the original.
	await sessionButtons(page).first().click();
	await expect(page.getByRole('log', { name: 'Session output' }).locator('[data-kind="assistant"]')).toContainText('foo is now bar');
});

test('"Export everything" gives one archive of every session', async ({ page }) => {
	await openRunner(page);
	await seedOne(page);
	await page.getByRole('button', { name: 'Export or import' }).click();
	const archive = JSON.parse(await downloaded(page, 'Export everything'));
	expect(archive.sessions.map((s: { session: { title: string } }) => s.session.title).sort()).toEqual(['Parser fix', 'Scratch']);
	await expect(page.getByRole('dialog', { name: 'Export and import' }).getByRole('status')).toHaveText('Exported 2 sessions.');
});
