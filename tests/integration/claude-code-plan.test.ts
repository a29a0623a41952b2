// Plan mode on the real `claude` binary against the fake: Claude Code writes its plan to its plan file
// (outside the session's folder, the one write our path guard lets through), calls ExitPlanMode with no
// plan in its input, and the plan card gets the file's text; once approved, the session is in "ask" mode
// and edits ask as usual.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { INDEX_DOC } from '../../src/lib/core/docnames';
import { listMessages, readSession, sessionsMap } from '../../src/lib/core/ydoc';
import { claudeCodeTools } from '../../sync-server/src/demo/claude-code-tools';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { exitPlanMode, writePlan } from '../helpers/claude-plan';
import type { Device } from '../helpers/yclient';
import { startClaudeServer, TENANT, type ClaudeServer } from './claude-harness';
import { prompt, until } from './runner-harness';

const PLAN = '## Plan\n1. Write `hello.txt`';

let claude: ClaudeServer;
let device: Device;
let sessionId: string;
const messages = () => listMessages(device.doc, sessionId);
const pending = (toolUseId: string, what: string) => until(device.doc, () => pendingApprovals(messages()).find((m) => m.meta.toolUseId === toolUseId), what, 60_000);

beforeAll(async () => {
	claude = await startClaudeServer({ name: 'claude-plan' });
	sessionId = (await claude.addSession({ title: 'Plan', permissionMode: 'plan' })).id;
	device = await claude.connect(sessionId);
}, 60_000);

afterAll(() => claude?.close());

it('the plan Claude Code wrote to its plan file shows on the card; approved, the next edit asks and runs', async () => {
	const file = path.join(claude.folderOf(sessionId), 'hello.txt');
	claude.fake!.script(writePlan(PLAN), exitPlanMode(), toolUse(claudeCodeTools.write(file, 'hello\n', 'toolu_write')), textReply('Done as planned.'));
	const id = prompt(device.doc, 'Plan a greeting, then write it');

	const card = await pending('toolu_plan', 'plan card');
	expect(card.meta.approvalKind).toBe('plan');
	expect(card.meta.toolInput).toMatchObject({ plan: PLAN, planFilePath: expect.stringContaining(path.join(claude.dataDir, 'claude', TENANT, '.claude', 'plans')) });
	// Writing the plan file was not refused by the path guard, and is not a change in the session's folder.
	const planWrite = messages().find((m) => m.kind === 'tool_result' && m.meta.toolUseId === 'toolu_plan_file')!;
	expect(planWrite.text).toMatch(/^File created successfully/);
	expect(planWrite.meta.changes ?? []).toEqual([]);

	answerApproval(device.doc, 'toolu_plan', 'approve', 'Phone');
	await pending('toolu_write', 'write waits after the plan');
	// The session left plan mode for "ask" on every device and for later turns, not only inside Claude Code.
	const index = await claude.server.registry.open(TENANT, INDEX_DOC);
	expect(readSession(sessionsMap(index.doc).get(sessionId)!)?.permissionMode).toBe('ask');
	index.release();
	answerApproval(device.doc, 'toolu_write', 'approve', 'Phone');
	await until(device.doc, () => messages().find((m) => m.id === id && m.state === 'done'), 'turn done', 60_000);
	expect(await readFile(file, 'utf8')).toBe('hello\n');
	expect(JSON.stringify(claude.fake!.requests.at(-1)!.body)).toContain('User has approved your plan');
}, 120_000);
