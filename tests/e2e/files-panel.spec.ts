// The file panel against a real server whose Claude is scripted: a file a tool writes appears in the
// tree, opens in the editor, saves back (and refuses to overwrite a change made meanwhile), its diff
// shows under Changes, and what this device has seen stays readable offline.
import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSession, log, sendPrompt } from './runner';
import {
	activeSessionId,
	changesRegion,
	device,
	fileRegion,
	fileTree,
	openFiles,
	setMode,
	startFilesServer,
	toolThenText,
	type FilesServer
} from './files-setup';

let files: FilesServer;
test.beforeAll(async () => {
	files = await startFilesServer();
});
test.afterAll(() => files.close());

const online = (page: import('@playwright/test').Page) => expect(page.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible();

test('a file written by a tool shows in the tree; it opens, edits and saves; its diff is under Changes', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await createSession(page, 'Tree and editor');
	const sessionId = await activeSessionId(page);
	await setMode(page, 'Accept edits');
	await online(page);
	await openFiles(page);
	await expect(page.getByText('No files yet.')).toBeVisible();

	files.fake.script(...toolThenText({ id: 'toolu_write1', name: 'write', input: { path: 'src/hello.ts', content: 'export const hello = "world";\n' } }));
	await sendPrompt(page, 'Create src/hello.ts');
	await expect(log(page).locator('[data-kind="tool_result"]')).toHaveCount(1);

	// The tree refreshes by itself when the tool result arrives.
	const tree = fileTree(page);
	const src = tree.getByRole('treeitem', { name: 'src', exact: true });
	await expect(src).toHaveAttribute('aria-expanded', 'false');
	// By keyboard: Right opens the folder, Down moves into it, Enter opens the file.
	await src.focus();
	await page.keyboard.press('ArrowRight');
	await expect(src).toHaveAttribute('aria-expanded', 'true');
	await expect(tree.getByRole('treeitem', { name: 'hello.ts' })).toHaveAttribute('aria-level', '2');
	await page.keyboard.press('ArrowDown');
	await expect(tree.getByRole('treeitem', { name: 'hello.ts' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(tree.getByRole('treeitem', { name: 'hello.ts' })).toHaveAttribute('aria-selected', 'true');

	const file = fileRegion(page);
	await expect(file.getByRole('heading', { name: 'src/hello.ts' })).toBeVisible();
	const editor = file.getByRole('textbox', { name: 'Contents of src/hello.ts' });
	await expect(editor).toContainText('export const hello = "world";');
	// Syntax highlighting: TypeScript's keywords get their own spans once the language has loaded.
	await expect(file.locator('.cm-line span').first()).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'hello.ts' })).toContainText('30 B');

	await editor.click();
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type('export const answer = 42;');
	await expect(file.locator('.status')).toHaveText('Unsaved changes');
	await file.getByRole('button', { name: 'Save' }).click();
	await expect(file.locator('.status')).toHaveText('Saved');
	expect(await files.fileOf(sessionId, 'src/hello.ts')).toBe('export const hello = "world";\nexport const answer = 42;');
	// The tree shows the saved size, not the one it listed before.
	await expect(tree.getByRole('treeitem', { name: 'hello.ts' })).toContainText('55 B');

	// Claude edits the open file: the view follows (it has no unsaved edits).
	files.fake.script(...toolThenText({ id: 'toolu_edit1', name: 'edit', input: { path: 'src/hello.ts', old_string: 'answer = 42', new_string: 'answer = 43' } }));
	await sendPrompt(page, 'Make it 43');
	await expect(editor).toContainText('export const answer = 43;');
	await expect(file.locator('.status')).toHaveText('Saved');

	await page.getByRole('button', { name: /^Changes/ }).click();
	const changes = changesRegion(page);
	await expect(changes.getByRole('list', { name: 'Changed files' })).toContainText('src/hello.ts');
	const diff = changes.getByRole('article', { name: 'write src/hello.ts' });
	await expect(diff.locator('tr.add')).toHaveText(['1+export const hello = "world";']);
	await changes.getByRole('button', { name: 'Side by side' }).click();
	await expect(changes.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true');
	await expect(diff.locator('td.add')).toHaveText(['+export const hello = "world";']);
	await context.close();
});

test('a save over a file changed meanwhile is refused, then Overwrite or Reload file resolves it', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await createSession(page, 'Conflicts');
	const sessionId = await activeSessionId(page);
	await setMode(page, 'Accept edits');
	await online(page);
	files.fake.script(...toolThenText({ id: 'toolu_write2', name: 'write', input: { path: 'notes.md', content: '# Notes\n' } }));
	await sendPrompt(page, 'Start notes');
	await expect(log(page).locator('[data-kind="tool_result"]')).toHaveCount(1);

	await openFiles(page);
	await fileTree(page).getByRole('treeitem', { name: 'notes.md' }).click();
	const file = fileRegion(page);
	const editor = file.getByRole('textbox', { name: 'Contents of notes.md' });
	await expect(editor).toContainText('# Notes');
	await editor.click();
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type('mine');

	// Someone else writes the file after this device read it.
	await writeFile(join(files.folderOf(sessionId), 'notes.md'), '# Notes\ntheirs\n');
	await file.getByRole('button', { name: 'Save' }).click();
	const alert = file.getByRole('alert');
	await expect(alert).toContainText('notes.md changed since you opened it');
	expect(await files.fileOf(sessionId, 'notes.md')).toBe('# Notes\ntheirs\n');
	await alert.getByRole('button', { name: 'Overwrite' }).click();
	await expect(file.locator('.status')).toHaveText('Saved');
	expect(await files.fileOf(sessionId, 'notes.md')).toBe('# Notes\nmine');

	await writeFile(join(files.folderOf(sessionId), 'notes.md'), 'replaced\n');
	await editor.click();
	await page.keyboard.type('!');
	await file.getByRole('button', { name: 'Save' }).click();
	await file.getByRole('alert').getByRole('button', { name: 'Reload file' }).click();
	await expect(editor).toHaveText('replaced');
	await expect(file.getByRole('alert')).toHaveCount(0);
	expect(await files.fileOf(sessionId, 'notes.md')).toBe('replaced\n');
	await context.close();
});

test('folders and files this device has seen read offline, marked possibly stale', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await createSession(page, 'Offline reading');
	await setMode(page, 'Accept edits');
	await online(page);
	files.fake.script(...toolThenText({ id: 'toolu_write3', name: 'write', input: { path: 'docs/plan.txt', content: 'step one\nstep two\n' } }));
	await sendPrompt(page, 'Write a plan');
	await expect(log(page).locator('[data-kind="tool_result"]')).toHaveCount(1);
	await openFiles(page);
	await fileTree(page).getByRole('treeitem', { name: 'docs' }).click();
	await fileTree(page).getByRole('treeitem', { name: 'plan.txt' }).click();
	await expect(fileRegion(page).getByRole('textbox', { name: 'Contents of docs/plan.txt' })).toContainText('step two');
	await page.getByRole('button', { name: 'Close files' }).click();

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Files', exact: true }).click();
	await expect(page.getByText('possibly stale — offline').first()).toBeVisible();
	await fileTree(page).getByRole('treeitem', { name: 'docs' }).click();
	await fileTree(page).getByRole('treeitem', { name: 'plan.txt' }).click();
	const file = fileRegion(page);
	await expect(file.getByRole('textbox', { name: 'Contents of docs/plan.txt' })).toContainText('step two');
	await expect(file.getByText('possibly stale — offline')).toBeVisible();
	// The diff is in the session itself.
	await page.getByRole('button', { name: /^Changes/ }).click();
	await expect(changesRegion(page).locator('tr.add')).toHaveText(['1+step one', '2+step two']);
	await context.close();
});
