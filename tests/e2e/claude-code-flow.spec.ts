// A session on the Claude Code engine in the browser: the real `claude` binary (the Agent SDK's own)
// against the scripted fake. Device A asks in "Plan first"; Claude Code writes its plan file and proposes
// it, device B approves the plan, then a Write waits for approval and B approves it; A's Changes view
// shows the file.
import path from 'node:path';
import { claudeCodeTools } from '../../sync-server/src/demo/claude-code-tools';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { exitPlanMode, writePlan } from '../helpers/claude-plan';
import { device, expect, openFromList, replies, test } from './claude-setup';
import { createSession, log, sendPrompt } from './runner';

const PLAN = '## Plan\n1. Write `hello.txt` with a greeting\n2. Stop there';

/** The working folder Claude Code was told about in the system prompt of a request it made. */
function workingFolder(body: unknown): string {
	const match = /Primary working directory: ([^\s\\"]+)/.exec(JSON.stringify(body));
	if (!match) throw new Error('Claude Code sent no working directory');
	return match[1];
}

test('a plan and then a write asked by Claude Code on A are approved on B, and A’s Changes view shows the file', async ({ browser, claude, token }) => {
	// Each Claude Code turn starts a process and makes several requests: seconds, not milliseconds.
	test.setTimeout(120_000);
	const a = await device(browser, claude.server.origin, token);
	const b = await device(browser, claude.server.origin, token);
	await createSession(a, 'Agent at work', 'Claude Code');
	await expect(a.getByTitle('Engine')).toHaveText('Claude Code');
	await a.getByRole('combobox', { name: 'Permission mode' }).selectOption({ label: 'Plan first' });
	await expect(a.getByRole('combobox', { name: 'Permission mode' })).toHaveValue('plan');
	await openFromList(b, 'Agent at work');
	await expect(b.getByRole('combobox', { name: 'Permission mode' })).toHaveValue('plan');

	const first = claude.fake.requests.length + 1;
	claude.fake.script(writePlan(PLAN), exitPlanMode());
	await sendPrompt(a, 'Greet the world in a file');

	const plan = b.getByRole('region', { name: 'Proposed plan' });
	await expect(plan).toContainText('Write hello.txt with a greeting', { timeout: 30_000 });
	await expect(plan.locator('code')).toHaveText('hello.txt');
	await expect(a.getByRole('region', { name: 'Proposed plan' })).toBeVisible();
	// The plan is out; Claude Code writes in the folder it was given once the plan is approved.
	const folder = workingFolder((await claude.fake.request(first)).body);
	claude.fake.script(
		toolUse(claudeCodeTools.write(path.join(folder, 'hello.txt'), 'hello, world\n', 'toolu_write')),
		textReply('Wrote hello.txt as planned.')
	);
	await plan.getByRole('button', { name: 'Approve plan' }).click();

	const write = b.getByRole('region', { name: /^Approval needed/ });
	await expect(write).toContainText('hello.txt', { timeout: 30_000 });
	await expect(a.getByRole('region', { name: /^Approval needed/ })).toBeVisible();
	// Claude Code names the file by its absolute path; inside the session's folder it reads from there.
	await expect(write).toHaveAccessibleName('Approval needed: Write hello.txt');
	await expect(log(b).locator('[data-kind="tool_call"]', { hasText: 'Write' }).last().locator('.text').first()).toHaveText('Write hello.txt');
	await write.getByRole('button', { name: 'Approve' }).click();

	for (const page of [a, b]) {
		await expect(replies(page).last()).toContainText('Wrote hello.txt as planned.', { timeout: 30_000 });
		await expect(log(page).locator('[data-kind="tool_call"]', { hasText: 'ExitPlanMode' })).toContainText(/Approved by \S+/);
		await expect(log(page).locator('[data-kind="tool_call"]', { hasText: 'Write' }).last()).toContainText(/Approved by \S+/);
	}
	await a.getByRole('button', { name: 'Files', exact: true }).click();
	await a.getByRole('button', { name: /^Changes/ }).click();
	const changes = a.getByRole('region', { name: 'Changes' });
	await expect(changes.getByRole('list', { name: 'Changed files' })).toContainText('hello.txt');
	await expect(changes.getByRole('article', { name: 'Write hello.txt' }).locator('tr.add')).toHaveText(['1+hello, world']);
	for (const page of [a, b]) await page.context().close();
});
