// A session in a worktree of its own, in the browser: New session makes the worktree and branch of a
// repository under WORKSPACE_ROOTS; Claude's change is committed there; ending the session merges the
// branch into the repository's main branch and removes the worktree.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, sendPrompt } from './runner';
import { device, setMode, startFilesServer, toolThenText, type FilesServer } from './files-setup';

let files: FilesServer;
let roots: string;
let repo: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Owner', '-c', 'user.email=owner@example.com', ...args], { cwd: repo, encoding: 'utf8' });

test.beforeAll(async () => {
	roots = realpathSync(mkdtempSync(join(tmpdir(), 'sr-roots-')));
	repo = join(roots, 'app');
	mkdirSync(repo);
	writeFileSync(join(repo, 'README.md'), '# App\n');
	git('init', '-q', '-b', 'main');
	git('add', '.');
	git('commit', '-q', '-m', 'Start');
	files = await startFilesServer({ WORKSPACE_ROOTS: roots });
});
test.afterAll(async () => {
	await files.close();
	rmSync(roots, { recursive: true, force: true });
});

test('a session started in a new worktree commits there, and ending it merges the branch', async ({ browser }) => {
	const { context, page } = await device(browser, files);
	await page.getByRole('button', { name: 'New session' }).click();
	await page.getByRole('textbox', { name: 'Session name' }).fill('Add notes');
	await page.getByText('Work in an existing folder').click();
	await page.getByRole('textbox', { name: 'Working folder' }).fill(repo);
	await page.getByRole('checkbox', { name: 'In a new git worktree and branch of this repository' }).check();
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { name: 'Add notes', exact: true })).toBeVisible();
	const branch = git('branch', '--list', 'session/*', '--format=%(refname:short)').trim();
	expect(branch).toMatch(/^session\/add-notes-[0-9a-f]{6}$/);

	await setMode(page, 'Accept edits');
	files.fake.script(...toolThenText({ id: 'toolu_wt1', name: 'write', input: { path: 'NOTES.md', content: 'notes\n' } }));
	await sendPrompt(page, 'Write NOTES.md');
	await expect(log(page).locator('[data-kind="tool_result"]')).toHaveCount(1);
	await page.getByRole('button', { name: 'Git', exact: true }).click();
	const panel = page.getByRole('region', { name: 'Git' });
	await expect(panel.getByText(`⎇ ${branch}`)).toBeVisible();
	await panel.getByRole('button', { name: 'Stage NOTES.md' }).click();
	await panel.getByRole('textbox', { name: 'Commit message' }).fill('Add notes');
	await panel.getByRole('button', { name: 'Commit' }).click();
	await expect(panel.getByRole('list', { name: 'Recent commits' }).getByRole('listitem').first()).toContainText('Add notes');
	// The main worktree has not changed.
	expect(() => readFileSync(join(repo, 'NOTES.md'))).toThrow();

	await page.getByRole('button', { name: 'End session' }).click();
	const dialog = page.getByRole('dialog', { name: 'End session' });
	await dialog.getByRole('radio', { name: /^Merge into main/ }).check();
	await dialog.getByRole('button', { name: 'End' }).click();
	await expect(page.getByText('Ended — read-only')).toBeVisible();
	expect(readFileSync(join(repo, 'NOTES.md'), 'utf8')).toBe('notes\n');
	expect(git('worktree', 'list')).not.toContain('.worktrees');
	expect(git('branch', '--list', 'session/*').trim()).toBe('');
	await context.close();
});
