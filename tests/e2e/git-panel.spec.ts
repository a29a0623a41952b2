// The Git panel against a real server whose Claude is scripted: the session's folder is a repository
// the test makes; a file Claude writes shows as a change with its diff, is staged and committed with a message Claude drafted,
// the commit shows in the log on a second device, and offline that device reads the last status.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, log, sendPrompt } from './runner';
import { activeSessionId, device, setMode, startFilesServer, toolThenText, type FilesServer } from './files-setup';

let files: FilesServer;
test.beforeAll(async () => {
	files = await startFilesServer();
});
test.afterAll(() => files.close());

const gitPanel = (page: Page) => page.getByRole('region', { name: 'Git' });

/** The test plays the repository's owner: the session's folder becomes a repository with one commit. */
function makeRepository(folder: string) {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'README.md'), '# Demo\n');
	const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Owner', '-c', 'user.email=owner@example.com', ...args], { cwd: folder });
	git('init', '-q', '-b', 'main');
	git('add', '.');
	git('commit', '-q', '-m', 'Start the demo');
}

async function openGit(page: Page) {
	const button = page.getByRole('button', { name: 'Git', exact: true });
	if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
	await expect(gitPanel(page)).toBeVisible();
}

async function openFromList(page: Page, title: string) {
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
	await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

test('a change by Claude is committed in the Git panel with a message Claude drafted; a second device sees the commit, and reads it offline', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'Git work');
	const sessionId = await activeSessionId(a.page);
	makeRepository(files.folderOf(sessionId));
	await setMode(a.page, 'Accept edits');

	files.fake.script(...toolThenText({ id: 'toolu_git1', name: 'write', input: { path: 'hello.txt', content: 'hello from Claude\n' } }));
	await sendPrompt(a.page, 'Write hello.txt');
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toHaveCount(1);

	await openGit(a.page);
	const panel = gitPanel(a.page);
	await expect(panel.getByText('⎇ main')).toBeVisible();
	const unstaged = panel.getByRole('list', { name: 'Unstaged changes' });
	await expect(unstaged.getByRole('listitem')).toHaveText([/hello\.txt/]);
	await unstaged.getByRole('button', { name: 'hello.txt', exact: true }).click();
	await expect(panel.getByRole('region', { name: 'Diff' }).locator('tr.add')).toHaveText(['1+hello from Claude']);

	await panel.getByRole('button', { name: 'Stage hello.txt' }).click();
	await expect(panel.getByRole('list', { name: 'Staged changes' }).getByRole('listitem')).toHaveText([/hello\.txt/]);
	// Claude drafts the message from the staged diff; it only fills the box.
	files.fake.script({ type: 'message', content: [{ type: 'text', text: 'Say hello' }] });
	await panel.getByRole('button', { name: 'Draft message' }).click();
	await expect(panel.getByRole('textbox', { name: 'Commit message' })).toHaveValue('Say hello');
	expect(JSON.stringify(files.fake.requests.at(-1)?.body)).toContain('+hello from Claude');
	await panel.getByRole('button', { name: 'Commit' }).click();
	const commits = panel.getByRole('list', { name: 'Recent commits' });
	await expect(commits.getByRole('listitem')).toHaveCount(2);
	await expect(commits.getByRole('listitem').first()).toContainText('Say hello');
	await expect(panel.getByText('No changes.')).toBeVisible();
	expect(execFileSync('git', ['log', '--format=%s'], { cwd: files.folderOf(sessionId), encoding: 'utf8' })).toBe('Say hello\nStart the demo\n');

	const b = await device(browser, files);
	await openFromList(b.page, 'Git work');
	await openGit(b.page);
	await expect(gitPanel(b.page).getByRole('list', { name: 'Recent commits' }).getByRole('listitem').first()).toContainText('Say hello');
	await b.page.getByRole('button', { name: 'Close git' }).click();

	await b.context.setOffline(true);
	await openGit(b.page);
	const offline = gitPanel(b.page);
	await expect(offline.getByText(/offline · as of/)).toBeVisible();
	await expect(offline.getByRole('list', { name: 'Recent commits' }).getByRole('listitem').first()).toContainText('Say hello');
	await expect(offline.getByRole('button', { name: 'Commit' })).toBeDisabled();
	await a.context.close();
	await b.context.close();
});

test('a session whose folder is not a repository says so', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await createSession(page, 'No repository');
	await openGit(page);
	await expect(gitPanel(page).getByText('This session’s folder is not in a git repository.')).toBeVisible();
	await context.close();
});
