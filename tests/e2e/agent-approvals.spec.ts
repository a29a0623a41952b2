// Plan and question cards across two devices of one tenant, against the real sync server. The runner's
// side (ask, read the first answer, record the decision) is played by a Node client of the session doc
// through the core accessors the server uses, so this checks what the devices do: both show the card,
// an answer on device B carries its feedback or answers, and the decision shows on device A.
import { expect, test, type Page } from '@playwright/test';
import { readAnswer, recordDecision, requestApproval } from '../../src/lib/core/approvals';
import { newId } from '../../src/lib/core/ids';
import { appendMessage } from '../../src/lib/core/ydoc';
import { connectDevice, synced, until } from '../helpers/yclient';
import { openFromList, twoDevices } from './devices';
import { activeSessionId } from './files-setup';
import { createSession, log } from './runner';

const syncUrl = (page: Page) => new URL(page.url()).origin.replace(/^http/, 'ws') + '/sync';

/** Stands in for the runner: a client of the session doc that asks and records decisions. */
async function runnerFor(page: Page, token: string) {
	const sessionId = await activeSessionId(page);
	const client = connectDevice(syncUrl(page), `session/${sessionId}`, token);
	await synced(client.provider);
	const { doc } = client;
	return {
		ask(toolUseId: string, toolName: string, approvalKind: 'plan' | 'question', toolInput: unknown) {
			appendMessage(doc, { id: newId(), kind: 'tool_call', text: '', state: 'done', createdAt: Date.now(), meta: { toolName, toolUseId, toolInput, approvalKind } });
			requestApproval(doc, toolUseId);
		},
		async answerTo(toolUseId: string) {
			await until(doc, () => readAnswer(doc, toolUseId) !== undefined);
			const answer = readAnswer(doc, toolUseId)!;
			recordDecision(doc, toolUseId, { state: answer.answer === 'approve' ? 'approved' : 'denied', by: answer.by, at: Date.now() });
			return answer;
		},
		close: () => client.destroy()
	};
}

test('a plan proposed on device A is sent back from device B with feedback, then approved there; A sees each decision', async ({ browser }) => {
	const { tenant, a, b, close } = await twoDevices(browser);
	await createSession(a.page, 'Plan across devices', 'Claude Code');
	const runner = await runnerFor(a.page, tenant.token);
	await openFromList(b.page, 'Plan across devices');

	runner.ask('toolu_plan1', 'ExitPlanMode', 'plan', { plan: '## Plan\n1. Add a changelog' });
	for (const page of [a.page, b.page]) await expect(page.getByRole('region', { name: 'Proposed plan' })).toContainText('Add a changelog');
	const onB = b.page.getByRole('region', { name: 'Proposed plan' });
	await onB.getByRole('textbox', { name: 'Feedback' }).fill('Start from the release notes.');
	await onB.getByRole('button', { name: 'Keep planning' }).click();
	expect(await runner.answerTo('toolu_plan1')).toMatchObject({ answer: 'deny', message: 'Start from the release notes.' });
	await expect(log(a.page).locator('[data-kind="tool_call"]')).toContainText(/Denied by \S+/);
	await expect(a.page.getByRole('region', { name: 'Proposed plan' })).toHaveCount(0);

	runner.ask('toolu_plan2', 'ExitPlanMode', 'plan', { plan: '## Plan\n1. Read the release notes\n2. Add a changelog' });
	await b.page.getByRole('region', { name: 'Proposed plan' }).getByRole('button', { name: 'Approve plan' }).click();
	expect(await runner.answerTo('toolu_plan2')).toMatchObject({ answer: 'approve' });
	await expect(log(a.page).locator('[data-kind="tool_call"]').last()).toContainText(/Approved by \S+/);
	for (const page of [a.page, b.page]) await expect(page.getByRole('region', { name: 'Proposed plan' })).toHaveCount(0);
	runner.close();
	await close();
});

test('a question answered on device B reaches the runner as Claude Code’s answers, and A sees it answered', async ({ browser }) => {
	const { tenant, a, b, close } = await twoDevices(browser);
	await createSession(a.page, 'Question across devices', 'Claude Code');
	const runner = await runnerFor(a.page, tenant.token);
	await openFromList(b.page, 'Question across devices');

	runner.ask('toolu_ask1', 'AskUserQuestion', 'question', {
		questions: [
			{ question: 'Which format?', header: 'Format', multiSelect: false, options: [{ label: 'Keep a Changelog', description: '' }, { label: 'Plain list', description: '' }] },
			{ question: 'Which sections?', header: 'Sections', multiSelect: true, options: [{ label: 'Added', description: '' }, { label: 'Fixed', description: '' }] }
		]
	});
	await expect(a.page.getByRole('region', { name: 'Question from Claude' })).toContainText('Which format?');
	const onB = b.page.getByRole('region', { name: 'Question from Claude' });
	await onB.getByRole('button', { name: 'Keep a Changelog' }).click();
	await onB.getByRole('checkbox', { name: 'Added' }).check();
	await onB.getByRole('checkbox', { name: 'Fixed' }).check();
	await onB.getByRole('button', { name: 'Answer' }).click();
	expect(await runner.answerTo('toolu_ask1')).toMatchObject({
		answer: 'approve',
		answers: { 'Which format?': 'Keep a Changelog', 'Which sections?': 'Added, Fixed' }
	});
	await expect(log(a.page).locator('[data-kind="tool_call"]')).toContainText(/Approved by \S+/);
	await expect(a.page.getByRole('region', { name: 'Question from Claude' })).toHaveCount(0);
	runner.close();
	await close();
});
