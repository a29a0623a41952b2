// The demo on the default engine: with no API key the demo model answers the real `claude` binary, and its
// tour must speak Claude Code's tools (this version names the folder in a per-turn system message).
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { listMessages } from '../../src/lib/core/ydoc';
import type { Device } from '../helpers/yclient';
import { startClaudeServer, type ClaudeServer } from './claude-harness';
import { prompt, until } from './runner-harness';

let claude: ClaudeServer;
let device: Device;
let sessionId: string;

beforeAll(async () => {
	claude = await startClaudeServer({ name: 'claude-code-demo', demo: true });
	sessionId = (await claude.addSession({ title: 'Demo' })).id;
	device = await claude.connect(sessionId);
}, 60_000);

afterAll(() => claude?.close());

it("the demo's first step on Claude Code is a Write in the session's folder, waiting for approval", async () => {
	const messages = () => listMessages(device.doc, sessionId);
	const id = prompt(device.doc, 'show me a demo');
	const call = await until(device.doc, () => pendingApprovals(messages())[0], 'demo write waits for approval', 60_000);
	expect(call.meta).toMatchObject({ toolName: 'Write', toolInput: { file_path: path.join(claude.folderOf(sessionId), 'greet.py') } });
	expect(messages().some((m) => m.kind === 'assistant' && m.text.includes('no file tools'))).toBe(false);
	expect(answerApproval(device.doc, call.meta.toolUseId!, 'deny', 'Desktop').ok).toBe(true);
	await until(device.doc, () => messages().find((m) => m.id === id && m.state === 'done'), 'demo turn ends', 60_000);
}, 120_000);
