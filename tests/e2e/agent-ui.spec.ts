// The Claude Code parts of the screen, on sessions seeded as if they had synced from the server: the
// engine choice, the header's engine and MCP status, slash-command completion, the TodoWrite checklist,
// subagent work folded under its call, the compaction divider, and the plan and question cards.
import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../src/lib/core/ids';
import type { AgentInfo } from '../../src/lib/core/model';
import type { NewMessage } from '../../src/lib/core/ydoc';
import { createSession, log, openRunner, promptBox } from './runner';
import { newSession, seedSession } from './seed';

const AGENT: AgentInfo = {
	sessionId: 'cc-session-1',
	slashCommands: ['compact', 'clear', 'review', 'security-review', 'init'],
	mcpServers: [
		{ name: 'github', status: 'connected' },
		{ name: 'postgres', status: 'failed' }
	]
};

export function agentShowcase(at: number): NewMessage[] {
	const m = (i: number, rest: Omit<NewMessage, 'id' | 'createdAt'>): NewMessage => ({ id: newId(at + i * 1000), createdAt: at + i * 1000, ...rest });
	const first = newId(at);
	const second = newId(at + 9000);
	const sub = { parentToolUseId: 'toolu_task', replyTo: first };
	return [
		{ id: first, createdAt: at, kind: 'user', text: 'Add date formatting to the report page', state: 'done', meta: {} },
		m(1, {
			kind: 'tool_call',
			text: '',
			state: 'done',
			meta: {
				replyTo: first,
				toolName: 'TodoWrite',
				toolUseId: 'toolu_todo',
				todos: [
					{ content: 'Read the report page', status: 'completed', activeForm: 'Reading the report page' },
					{ content: 'Pick a date library', status: 'in_progress', activeForm: 'Picking a date library' },
					{ content: 'Format the dates', status: 'pending', activeForm: 'Formatting the dates' }
				]
			}
		}),
		m(2, { kind: 'tool_call', text: '', state: 'done', meta: { replyTo: first, toolName: 'Task', toolUseId: 'toolu_task', toolInput: { description: 'Survey date usage' } } }),
		m(3, { kind: 'assistant', text: 'Looking for every place that prints a date.', state: 'done', meta: sub }),
		m(4, { kind: 'tool_call', text: '', state: 'done', meta: { ...sub, toolName: 'Grep', toolUseId: 'toolu_grep', toolInput: { pattern: 'toLocaleDateString' } } }),
		m(5, { kind: 'tool_result', text: 'src/report.ts:14', state: 'done', meta: { ...sub, toolUseId: 'toolu_grep' } }),
		m(6, { kind: 'tool_result', text: 'Dates are printed in one place: src/report.ts line 14.', state: 'done', meta: { replyTo: first, toolUseId: 'toolu_task' } }),
		m(7, { kind: 'system', text: 'Context compacted (41,200 tokens before).', state: 'done', meta: { compaction: true } }),
		{ id: second, createdAt: at + 9000, kind: 'user', text: 'Go ahead, plan it first', state: 'running', meta: {} },
		m(10, {
			kind: 'tool_call',
			text: '',
			state: 'done',
			meta: {
				replyTo: second,
				toolName: 'ExitPlanMode',
				toolUseId: 'toolu_plan',
				approvalKind: 'plan',
				approval: { state: 'pending', at: at + 10000 },
				toolInput: { plan: '## Plan\n1. Add **date-fns**\n2. Format in `src/report.ts`\n\n<img src=x onerror="document.title=\'pwned\'">' }
			}
		}),
		m(11, {
			kind: 'tool_call',
			text: '',
			state: 'done',
			meta: {
				replyTo: second,
				toolName: 'AskUserQuestion',
				toolUseId: 'toolu_ask',
				approvalKind: 'question',
				approval: { state: 'pending', at: at + 11000 },
				toolInput: {
					questions: [
						{
							question: 'Which date library?',
							header: 'Library',
							multiSelect: false,
							options: [
								{ label: 'date-fns', description: 'Small, functional' },
								{ label: 'Luxon', description: 'Time zones built in' }
							]
						},
						{
							question: 'Which pages?',
							header: 'Pages',
							multiSelect: true,
							options: [
								{ label: 'Report', description: '' },
								{ label: 'Dashboard', description: '' },
								{ label: 'Export', description: '' }
							]
						}
					]
				}
			}
		})
	];
}

async function openSeeded(page: Page, title: string) {
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.getByRole('list', { name: 'All sessions' }).getByRole('button', { name: title }).click();
	await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

async function seeded(page: Page) {
	await openRunner(page);
	// An open tab makes the app load its docs layer on start, which mirrors the seeded index into the list.
	await createSession(page, 'Scratch');
	await seedSession(page, { ...newSession('Agent at work'), engine: 'claude-code' }, agentShowcase(Date.now() - 60_000), AGENT);
	await page.reload();
	await openSeeded(page, 'Agent at work');
}

test('New session offers the engine, preselecting the server’s default; the header names it', async ({ page }) => {
	await openRunner(page);
	await page.getByRole('button', { name: 'New session' }).click();
	// The e2e server runs with DEFAULT_ENGINE=messages (playwright.config.ts).
	const engine = page.getByRole('group', { name: 'Engine' });
	await expect(engine.getByRole('radio', { name: 'Messages API', exact: true })).toBeChecked();
	await expect(engine.getByRole('radio', { name: 'Claude Code', exact: true })).not.toBeChecked();
	await page.getByRole('button', { name: 'Cancel' }).click();

	await createSession(page, 'On the agent', 'Claude Code');
	await expect(page.locator('.session-header')).toContainText('Claude Code');
	await createSession(page, 'On the light engine');
	await expect(page.locator('.session-header')).toContainText('Messages API');
	// A Messages API session has no slash commands to offer.
	await promptBox(page).fill('/c');
	await expect(page.getByRole('listbox', { name: 'Commands' })).toHaveCount(0);
});

test('the header shows MCP status; the prompt completes the session’s slash commands by keyboard', async ({ page }) => {
	await seeded(page);
	const mcp = page.getByText('MCP: 1 connected · 1 failed');
	await expect(mcp).toBeVisible();
	await mcp.click();
	const servers = page.getByRole('list', { name: 'MCP servers' });
	await expect(servers.getByRole('listitem')).toHaveText([/github\s*connected/, /postgres\s*failed/]);

	const prompt = promptBox(page);
	await prompt.fill('/re');
	const commands = page.getByRole('listbox', { name: 'Commands' });
	await expect(commands.getByRole('option')).toHaveText(['/review', '/security-review']);
	await expect(commands.getByRole('option', { name: '/review' })).toHaveAttribute('aria-selected', 'true');
	await prompt.press('ArrowDown');
	await expect(commands.getByRole('option', { name: '/security-review' })).toHaveAttribute('aria-selected', 'true');
	await prompt.press('Tab');
	await expect(prompt).toHaveValue('/security-review ');
	await expect(prompt).toBeFocused();
	await expect(commands).toHaveCount(0);

	await prompt.fill('/c');
	await expect(commands.getByRole('option')).toHaveText(['/compact', '/clear', '/security-review']);
	await prompt.press('Escape');
	await expect(commands).toHaveCount(0);
	await expect(prompt).toBeFocused();
	await prompt.press('o');
	await prompt.press('Enter');
	await expect(prompt).toHaveValue('/compact ');
});

test('a TodoWrite call is a checklist whose statuses differ to the eye and to assistive technology', async ({ page }) => {
	await seeded(page);
	const tasks = log(page).getByRole('list', { name: 'Tasks' });
	// What assistive technology reads: the status in words (the marks are hidden from it).
	await expect(tasks).toMatchAriaSnapshot(`
		- list "Tasks":
		  - listitem: "Done: Read the report page"
		  - listitem: "In progress: Picking a date library"
		  - listitem: "To do: Format the dates"
	`);
	await expect(log(page)).toContainText('Tasks: 1 of 3 done · 1 in progress');
	const [done, doing] = [tasks.locator('[data-status="completed"] .content'), tasks.locator('[data-status="in_progress"] .content')];
	await expect(done).toHaveCSS('text-decoration-line', 'line-through');
	await expect(doing).toHaveCSS('font-weight', '700');
});

test('subagent work is folded under its Task call with a count, and opens on demand', async ({ page }) => {
	await seeded(page);
	const toggle = log(page).getByRole('button', { name: /Subagent: 3 messages/ });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(log(page)).not.toContainText('Looking for every place that prints a date.');
	const task = log(page).locator('[data-kind="tool_call"]', { hasText: 'Task: Survey date usage' });
	await expect(task).toBeVisible();
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(task.locator('[data-kind="assistant"]')).toHaveText(/Looking for every place that prints a date\./);
	await expect(task.locator('[data-kind="tool_call"]')).toContainText('Grep toLocaleDateString');
	await expect(task.locator('[data-kind="tool_result"]')).toContainText('src/report.ts:14');
	// The Task call's own result stays in the stream.
	await expect(log(page).locator('[data-kind="tool_result"]', { hasText: 'Dates are printed in one place' })).toHaveCount(1);
	await expect(log(page).locator('[data-compaction]')).toHaveText('Context compacted');
});

test('the plan card renders the plan inert and sends feedback with Keep planning; the question card needs every answer', async ({ page }) => {
	await seeded(page);
	const plan = page.getByRole('region', { name: 'Proposed plan' });
	await expect(plan.getByRole('heading', { name: 'Plan' })).toBeVisible();
	await expect(plan.locator('strong')).toHaveText('date-fns');
	await expect(plan.locator('img')).toHaveCount(0);
	await expect(page).not.toHaveTitle('pwned');
	await plan.getByRole('textbox', { name: 'Feedback' }).fill('Write the tests first.');
	await plan.getByRole('button', { name: 'Keep planning' }).click();
	await expect(plan).toContainText('Sent back to keep planning — waiting for the server…');

	const question = page.getByRole('region', { name: 'Question from Claude' });
	const answer = question.getByRole('button', { name: 'Answer' });
	await expect(answer).toBeDisabled();
	const library = question.getByRole('group', { name: /Which date library\?/ });
	await library.getByRole('button', { name: 'Luxon' }).click();
	await expect(library.getByRole('button', { name: 'Luxon' })).toHaveAttribute('aria-pressed', 'true');
	await library.getByRole('button', { name: 'date-fns' }).click();
	await expect(library.getByRole('button', { name: 'Luxon' })).toHaveAttribute('aria-pressed', 'false');
	await expect(answer).toBeDisabled();
	const pages = question.getByRole('group', { name: /Which pages\?/ });
	await pages.getByRole('checkbox', { name: 'Report' }).check();
	await pages.getByRole('checkbox', { name: 'Export' }).check();
	await pages.getByRole('textbox', { name: 'Other' }).fill('Invoices');
	await answer.click();
	await expect(question).toContainText('Answered — waiting for the server…');
});
