// Approvals across devices against a real server: a write Claude asks for waits on device A's screen
// and on device B's; whichever answers first decides, every device shows the decision, and the file
// exists only when approved. The permission mode is per session, in its header.
import { expect, test, type Page } from '@playwright/test';
import { createSession, log, promptBox, sendPrompt } from './runner';
import { activeSessionId, device, fileTree, openFiles, setMode, startFilesServer, toolThenText, type FilesServer } from './files-setup';

let files: FilesServer;
test.beforeAll(async () => {
	files = await startFilesServer();
});
test.afterAll(() => files.close());

const approval = (page: Page) => page.getByRole('region', { name: /^Approval needed/ });
const toolCall = (page: Page) => log(page).locator('[data-kind="tool_call"]');

async function openFromList(page: Page, title: string) {
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
	await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

test('a write requested on device A is approved on device B; both see who decided, and the file exists', async ({ browser }) => {
	const a = await device(browser, files);
	const b = await device(browser, files);
	await createSession(a.page, 'Approve elsewhere');
	const sessionId = await activeSessionId(a.page);
	await expect(a.page.getByRole('combobox', { name: 'Permission mode' })).toHaveValue('ask');
	files.fake.script(...toolThenText({ id: 'toolu_appr1', name: 'write', input: { path: 'CHANGELOG.md', content: '## 1.0\n- first release\n' } }, 'Written.'));
	await sendPrompt(a.page, 'Start a changelog');

	const onA = approval(a.page);
	await expect(onA).toContainText('write CHANGELOG.md');
	await expect(onA).toContainText('- first release');
	await expect(toolCall(a.page)).toContainText('Waiting for approval');
	expect(await files.fileOf(sessionId, 'CHANGELOG.md')).toBeNull();

	await openFromList(b.page, 'Approve elsewhere');
	const onB = approval(b.page);
	await expect(onB).toContainText('write CHANGELOG.md');
	await onB.getByRole('button', { name: 'Approve' }).click();
	// Nothing else waits: the keyboard's place is the prompt, not the page.
	await expect(promptBox(b.page)).toBeFocused();

	for (const page of [a.page, b.page]) {
		await expect(toolCall(page)).toContainText(/Approved by \S+/);
		await expect(approval(page)).toHaveCount(0);
		await expect(log(page).locator('[data-kind="assistant"]').last()).toContainText('Written.');
	}
	expect(await files.fileOf(sessionId, 'CHANGELOG.md')).toBe('## 1.0\n- first release\n');
	await openFiles(a.page);
	await expect(fileTree(a.page).getByRole('treeitem', { name: 'CHANGELOG.md' })).toBeVisible();
	await a.context.close();
	await b.context.close();
});

test('a denied write is not run: the decision shows, Claude is told, and no file appears', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'Deny it');
	const sessionId = await activeSessionId(a.page);
	files.fake.script(...toolThenText({ id: 'toolu_deny1', name: 'write', input: { path: 'secrets.env', content: 'TOKEN=1\n' } }, 'Understood, I will not write it.'));
	await sendPrompt(a.page, 'Write a secrets file');
	await approval(a.page).getByRole('button', { name: 'Deny' }).click();
	await expect(toolCall(a.page)).toContainText(/Denied by \S+/);
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toContainText('The user denied this action.');
	await expect(log(a.page).locator('[data-kind="assistant"]').last()).toContainText('Understood');
	await expect(approval(a.page)).toHaveCount(0);
	expect(await files.fileOf(sessionId, 'secrets.env')).toBeNull();
	// Claude was told, in the tool result it got back.
	const second = await files.fake.request(files.fake.requests.length);
	expect(JSON.stringify(second.body)).toContain('The user denied this action.');
	await a.context.close();
});

test('ending a session while a write waits denies it and stops the turn: no Approve bar or Stop is left', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'End while waiting');
	const sessionId = await activeSessionId(a.page);
	// Only the call: the turn ends before Claude would be asked again.
	files.fake.script({ type: 'message', content: [{ type: 'tool_use', id: 'toolu_end1', name: 'write', input: { path: 'late.txt', content: 'x\n' } }] });
	await sendPrompt(a.page, 'Write something');
	await expect(approval(a.page)).toContainText('write late.txt');
	await expect(a.page.getByRole('button', { name: 'Stop' })).toBeVisible();

	await a.page.getByRole('button', { name: 'End session' }).click();
	await a.page.getByRole('dialog', { name: 'End session' }).getByRole('button', { name: 'End', exact: true }).click();
	await expect(toolCall(a.page)).toContainText(/Denied by \S+/);
	// The denial and the stop reach the server together: the call's result is "Stopped." or the denial,
	// whichever the runner saw first; either way the turn is over.
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toHaveAttribute('data-state', /^(interrupted|done)$/);
	await expect(approval(a.page)).toHaveCount(0);
	await expect(a.page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
	await expect(log(a.page).locator('[data-state="streaming"], [data-state="running"]')).toHaveCount(0);
	// An ended session takes no prompts: its stopped turn offers no Retry (Reopen first).
	await expect(log(a.page).getByRole('button', { name: 'Retry' })).toHaveCount(0);
	// After a reload (the server's word, not this screen's) nothing waits either.
	await a.page.reload();
	await expect(toolCall(a.page)).toContainText(/Denied by \S+/);
	await expect(approval(a.page)).toHaveCount(0);
	expect(await files.fileOf(sessionId, 'late.txt')).toBeNull();
	await a.context.close();
});

test('in "Read only" a write is refused without asking; in "Accept edits" it runs without asking', async ({ browser }) => {
	const a = await device(browser, files);
	await createSession(a.page, 'Modes');
	const sessionId = await activeSessionId(a.page);
	await setMode(a.page, 'Read only');
	await expect(a.page.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible();
	files.fake.script(...toolThenText({ id: 'toolu_ro1', name: 'write', input: { path: 'ro.txt', content: 'x\n' } }));
	await sendPrompt(a.page, 'Try to write');
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toContainText('read-only');
	await expect(approval(a.page)).toHaveCount(0);
	expect(await files.fileOf(sessionId, 'ro.txt')).toBeNull();

	await setMode(a.page, 'Accept edits');
	await expect(a.page.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible();
	files.fake.script(...toolThenText({ id: 'toolu_ae1', name: 'write', input: { path: 'ae.txt', content: 'y\n' } }));
	await sendPrompt(a.page, 'Write now');
	await expect(log(a.page).locator('[data-kind="tool_result"]')).toHaveCount(2);
	expect(await files.fileOf(sessionId, 'ae.txt')).toBe('y\n');
	await a.context.close();
});
