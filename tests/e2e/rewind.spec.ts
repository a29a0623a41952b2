// Rewind across two devices against a real server whose Claude is scripted (Messages API engine): turn 1
// writes a file, turn 2 changes it; device B rewinds to before turn 2, device A's file view shows turn 1's
// text and the stream records the rewind; "Undo rewind" brings turn 2's text back. A fork gets the files as they were.
import { expect, test, type Page } from '@playwright/test';
import { createSession, log, sendPrompt } from './runner';
import { activeSessionId, device, fileRegion, fileTree, openFiles, setMode, startFilesServer, toolThenText, type FilesServer } from './files-setup';

let files: FilesServer;
test.beforeAll(async () => {
	files = await startFilesServer();
});
test.afterAll(() => files.close());

async function openFromList(page: Page, title: string) {
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
	await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

test('a rewind from one device restores the files another device shows, and is undone', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'Rewind work');
	const sessionId = await activeSessionId(a.page);
	await setMode(a.page, 'Accept edits');
	files.fake.script(...toolThenText({ id: 'toolu_r1', name: 'write', input: { path: 'plan.md', content: '# Plan\nfirst draft\n' } }));
	await sendPrompt(a.page, 'Write the plan');
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toHaveCount(1);
	files.fake.script(...toolThenText({ id: 'toolu_r2', name: 'write', input: { path: 'plan.md', content: '# Plan\nsecond draft, worse\n' } }));
	await sendPrompt(a.page, 'Rewrite the plan');
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toHaveCount(2);
	await expect(log(a.page).locator('[data-kind="user"][data-state="done"]')).toHaveCount(2);

	await openFiles(a.page);
	await fileTree(a.page).getByRole('treeitem', { name: 'plan.md' }).click();
	const editor = fileRegion(a.page).getByRole('textbox', { name: 'Contents of plan.md' });
	await expect(editor).toContainText('second draft, worse');

	const b = await device(browser, files);
	await openFromList(b.page, 'Rewind work');
	const second = log(b.page).locator('[data-kind="user"]').filter({ hasText: 'Rewrite the plan' });
	b.page.once('dialog', (dialog) => void dialog.accept());
	await second.getByRole('button', { name: 'Rewind files to before this' }).click();

	const note = log(a.page).locator('[data-kind="system"]').filter({ hasText: 'Files rewound to before: Rewrite the plan' });
	await expect(note).toContainText('plan.md');
	await expect(editor).toContainText('first draft');
	expect(await files.fileOf(sessionId, 'plan.md')).toBe('# Plan\nfirst draft\n');

	await note.getByRole('button', { name: 'Undo rewind' }).click();
	await expect(log(b.page).locator('[data-kind="system"]').filter({ hasText: 'Rewind undone' })).toBeVisible();
	await expect(editor).toContainText('second draft, worse');
	await expect(note.getByText('Undone')).toBeVisible();
	await expect(note.getByRole('button', { name: 'Undo rewind' })).toHaveCount(0);
	expect(await files.fileOf(sessionId, 'plan.md')).toBe('# Plan\nsecond draft, worse\n');
	await a.context.close();
	await b.context.close();
});

test('a fork from the second prompt has its own folder with the files as they were before it', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'Fork files');
	const sessionId = await activeSessionId(a.page);
	await setMode(a.page, 'Accept edits');
	files.fake.script(...toolThenText({ id: 'toolu_f1', name: 'write', input: { path: 'notes.md', content: 'kept\n' } }));
	await sendPrompt(a.page, 'Write the notes');
	await expect(log(a.page).locator('[data-kind="user"][data-state="done"]')).toHaveCount(1);
	files.fake.script(...toolThenText({ id: 'toolu_f2', name: 'write', input: { path: 'notes.md', content: 'changed later\n' } }));
	await sendPrompt(a.page, 'Change the notes');
	await expect(log(a.page).locator('[data-kind="user"][data-state="done"]')).toHaveCount(2);

	await log(a.page).locator('[data-kind="user"]', { hasText: 'Change the notes' }).getByRole('button', { name: 'Fork from here' }).click();
	await expect(a.page.getByRole('heading', { name: 'Fork files (fork)', exact: true })).toBeVisible();
	const forkId = await activeSessionId(a.page);
	await openFiles(a.page);
	await fileTree(a.page).getByRole('treeitem', { name: 'notes.md' }).click();
	await expect(fileRegion(a.page).getByRole('textbox', { name: 'Contents of notes.md' })).toContainText('kept');
	expect(await files.fileOf(forkId, 'notes.md')).toBe('kept\n');
	expect(await files.fileOf(sessionId, 'notes.md')).toBe('changed later\n');
	await a.context.close();
});
