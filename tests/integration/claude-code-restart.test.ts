// A server running a Claude Code turn is killed with SIGKILL mid-stream and started again on the same
// DATA_DIR: the turn shows as interrupted, the `claude` process does not outlive its server, and the next
// prompt resumes the same Claude Code conversation (Claude Code's own state lives under DATA_DIR).
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { turnOutcome } from '../../src/lib/core/turns';
import { listMessages, putSession, readAgentInfo } from '../../src/lib/core/ydoc';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply } from '../../sync-server/src/demo/script';
import { groupProcesses, killGroup, spawnServer, type ServerProcess } from '../helpers/server-process';
import { connectDevice, eventually, synced, type Device } from '../helpers/yclient';
import { prompt, until } from './runner-harness';

const KEY = 'sk-ant-restart-test';
const TOKEN = 'restart-token-0123456789';
const syncUrl = (s: ServerProcess) => `${s.origin.replace(/^http/, 'ws')}/sync`;

let fake: FakeAnthropic;
const servers: ServerProcess[] = [];
const devices: Device[] = [];

afterAll(async () => {
	devices.forEach((d) => d.destroy());
	servers.forEach(killGroup);
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	await fake?.close();
});

async function start(dataDir?: string, port?: number): Promise<ServerProcess> {
	const server = await spawnServer({ dataDir, port, group: true, env: { AUTH_TOKENS: `alpha:${TOKEN}`, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url } });
	servers.push(server);
	return server;
}

async function device(server: ServerProcess, name: string): Promise<Device> {
	const d = connectDevice(syncUrl(server), name, TOKEN);
	devices.push(d);
	await synced(d.provider);
	return d;
}

const claudeProcesses = (server: ServerProcess) => groupProcesses(server).filter((args) => /claude-agent-sdk/.test(args));

describe('Claude Code across a server crash', () => {
	it('a turn cut by SIGKILL shows interrupted, leaves no claude process, and the next prompt resumes the same conversation', async () => {
		fake = await startFakeAnthropic({ apiKey: KEY });
		const first = await start();
		const sessionId = newId();
		const index = await device(first, INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Crash', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code' });
		const before = await device(first, sessionDocName(sessionId));

		fake.script({ type: 'message', content: [{ type: 'text', text: 'This reply is cut short. '.repeat(200) }], chunkChars: 4, delayMs: 50 });
		const cut = prompt(before.doc, 'Tell me a long story');
		await until(before.doc, () => listMessages(before.doc, sessionId).find((m) => m.kind === 'assistant' && m.meta.replyTo === cut && m.text.length > 0), 'reply streaming', 60_000);
		const agentSession = readAgentInfo(before.doc).sessionId;
		expect(agentSession).toMatch(/^[0-9a-f-]{36}$/);
		expect(claudeProcesses(first).length).toBeGreaterThan(0);

		await first.kill('SIGKILL');
		// The agent sees its input close with its server and exits: no orphan keeps spending tokens.
		await eventually(() => claudeProcesses(first).length === 0, 15_000, 100);

		const second = await start(first.dataDir, first.port);
		const after = await device(second, sessionDocName(sessionId));
		const messages = () => listMessages(after.doc, sessionId);
		await until(after.doc, () => messages().find((m) => m.id === cut && turnOutcome(messages(), m) === 'interrupted'), 'turn interrupted', 30_000);
		expect(messages().some((m) => m.state === 'streaming')).toBe(false);

		const seen = fake.requests.length;
		fake.script(textReply('We were in the middle of a story.'));
		const next = prompt(after.doc, 'Where were we?');
		await until(after.doc, () => messages().find((m) => m.id === next && m.state === 'done'), 'next turn done', 60_000);
		expect(turnOutcome(messages(), messages().find((m) => m.id === next)!)).toBe('done');
		expect(readAgentInfo(after.doc).sessionId).toBe(agentSession);
		const resumed = fake.requests.slice(seen).find((r) => !r.rejected && JSON.stringify(r.body).includes('Where were we?'))!;
		expect(resumed.headers['x-claude-code-session-id']).toBe(agentSession);
		expect(JSON.stringify(resumed.body)).toContain('Tell me a long story');
	}, 120_000);
});
