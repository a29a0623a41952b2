// The demo on the default engine: with no API key the demo model answers the real `claude` binary, and its
// tour must speak Claude Code's tools (this version names the folder in a per-turn system message).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { DEFAULTS } from '../../sync-server/src/config';
import { runnerService } from '../../sync-server/src/runner/index';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { connectDevice, synced, type Device } from '../helpers/yclient';
import { tempDataDir } from '../helpers/server-process';
import { prompt, until } from './runner-harness';

const TENANT = 'alpha';
const TOKEN = 'alpha-token-0123456789';

let server: RunningServer;
let dataDir: string;
let device: Device;
const sessionId = newId();

beforeAll(async () => {
	dataDir = await realpath(tempDataDir('claude-code-demo-'));
	const config = { ...DEFAULTS, port: 0, dataDir, databaseUrl: undefined, authTokens: [{ tenant: TENANT, token: TOKEN }], anthropic: { apiKey: undefined, baseUrl: undefined, model: undefined } };
	server = await startServer(config, pino({ level: 'silent' }), { services: [runnerService({ workspace: { roots: [], shell: false }, agentPath: process.env.PATH })] });
	const index = await server.registry.open(TENANT, INDEX_DOC);
	putSession(index.doc, { id: sessionId, title: 'Demo', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code' });
	index.release();
	device = connectDevice(`${server.origin.replace(/^http/, 'ws')}/sync`, sessionDocName(sessionId), TOKEN);
	await synced(device.provider);
}, 60_000);

afterAll(async () => {
	device?.destroy();
	await server?.close();
});

it("the demo's first step on Claude Code is a Write in the session's folder, waiting for approval", async () => {
	const messages = () => listMessages(device.doc, sessionId);
	const id = prompt(device.doc, 'show me a demo');
	const call = await until(device.doc, () => pendingApprovals(messages())[0], 'demo write waits for approval', 60_000);
	expect(call.meta).toMatchObject({ toolName: 'Write', toolInput: { file_path: path.join(dataDir, 'workspaces', TENANT, sessionId, 'greet.py') } });
	expect(messages().some((m) => m.kind === 'assistant' && m.text.includes('no file tools'))).toBe(false);
	expect(answerApproval(device.doc, call.meta.toolUseId!, 'deny', 'Desktop').ok).toBe(true);
	await until(device.doc, () => messages().find((m) => m.id === id && m.state === 'done'), 'demo turn ends', 60_000);
}, 120_000);
