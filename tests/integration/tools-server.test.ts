// The workspace tools wired the way index.ts wires them (runnerService with a ToolHost factory) on a
// real server, registry and store: the file lands under DATA_DIR, the approval and diff are persisted.
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { sessionChanges } from '../../src/lib/core/changes';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { DEFAULTS } from '../../sync-server/src/config';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { runnerService, workspaceToolHost } from '../../sync-server/src/runner/index';
import { startServer } from '../../sync-server/src/server';
import { createMemoryStore } from '../../sync-server/src/store/memory';
import { KEY, prompt, TENANT, until } from './runner-harness';

const log = pino({ level: 'silent' });
let fake: FakeAnthropic | undefined;
let dataDir: string | undefined;
afterEach(async () => {
	await fake?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('workspace tools in the server', () => {
	it('a write approved on a device lands under DATA_DIR, and the approval and diff survive a reload', async () => {
		fake = await startFakeAnthropic({ apiKey: KEY });
		dataDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'tools-server-')));
		const store = createMemoryStore();
		const config = { ...DEFAULTS, port: 0, dataDir, anthropic: { apiKey: KEY, baseUrl: fake.url, model: undefined } };
		const tools = runnerService({ tools: ({ host, config }) => workspaceToolHost({ dataDir: config.dataDir, roots: [], shell: null, host }) });
		const server = await startServer(config, log, { store, services: [tools] });

		const sessionId = newId();
		const index = await server.registry.open(TENANT, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Server', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5' });
		const name = sessionDocName(sessionId);
		const device = await server.registry.open(TENANT, name);
		fake.script(toolUse({ id: 'toolu_w', name: 'write', input: { path: 'hello.txt', content: 'hello\n' } }), textReply('Written.'));
		const id = prompt(device.doc, 'Say hello in a file');
		await until(device.doc, () => pendingApprovals(listMessages(device.doc, sessionId))[0], 'approval asked');
		answerApproval(device.doc, 'toolu_w', 'approve', 'Desktop');
		await until(device.doc, () => listMessages(device.doc, sessionId).find((m) => m.id === id && m.state === 'done'), 'turn done');
		expect(await readFile(path.join(dataDir, 'workspaces', TENANT, sessionId, 'hello.txt'), 'utf8')).toBe('hello\n');
		device.release();
		index.release();
		await server.close();

		const reloaded = new Y.Doc();
		for (const update of await store.loadUpdates(TENANT, name)) Y.applyUpdate(reloaded, update);
		const messages = listMessages(reloaded, sessionId);
		expect(messages.find((m) => m.kind === 'tool_call')?.meta.approval).toMatchObject({ state: 'approved', by: 'Desktop' });
		expect(sessionChanges(messages)).toEqual([expect.objectContaining({ path: 'hello.txt', created: true, added: 1, removed: 0 })]);
	});
});
