// What an operator sees of Claude Code agents on /metrics: the processes running and the prompts waiting for
// one (MAX_AGENTS), read while a real `claude` turn streams against the fake Anthropic server.
import { realpath, rm } from 'node:fs/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { requestStop } from '../../src/lib/core/turns';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { DEFAULTS } from '../../sync-server/src/config';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { runnerService } from '../../sync-server/src/runner/index';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { tempDataDir } from '../helpers/server-process';
import { connectDevice, synced, type Device } from '../helpers/yclient';
import { prompt, until } from './runner-harness';

const KEY = 'sk-ant-agent-metrics';
const TENANT = 'alpha';
const TOKEN = 'alpha-token-0123456789';

let fake: FakeAnthropic;
let server: RunningServer;
let dataDir: string;
const devices: Device[] = [];

async function session(): Promise<{ id: string; device: Device }> {
	const id = newId();
	const index = await server.registry.open(TENANT, INDEX_DOC);
	putSession(index.doc, { id, title: 'Agent', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code' });
	index.release();
	const device = connectDevice(`${server.origin.replace(/^http/, 'ws')}/sync`, sessionDocName(id), TOKEN);
	devices.push(device);
	await synced(device.provider);
	return { id, device };
}

/** The value of one unlabelled metric as /metrics reports it now. */
async function metric(name: string): Promise<number> {
	const text = await (await fetch(`${server.origin}/metrics`)).text();
	const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
	if (value === undefined) throw new Error(`/metrics has no ${name}`);
	return Number(value);
}

beforeAll(async () => {
	fake = await startFakeAnthropic({ apiKey: KEY });
	dataDir = await realpath(tempDataDir('agent-metrics-'));
	const config = { ...DEFAULTS, port: 0, dataDir, maxAgents: 1, databaseUrl: undefined, authTokens: [{ tenant: TENANT, token: TOKEN }], anthropic: { apiKey: KEY, baseUrl: fake.url, model: undefined } };
	server = await startServer(config, pino({ level: 'silent' }), { services: [runnerService({ workspace: { roots: [], shell: false }, agentPath: process.env.PATH })] });
}, 60_000);

afterAll(async () => {
	for (const device of devices) device.destroy();
	await server?.close();
	await fake?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('agent metrics', () => {
	it('count the running Claude Code process and the prompt waiting for a slot, and both go back to zero', async () => {
		expect(await metric('agent_processes')).toBe(0);
		const first = await session();
		const second = await session();
		// A reply that streams until it is stopped, so the readings happen while the turn runs.
		fake.script({ type: 'message', content: [{ type: 'text', text: 'Still going. '.repeat(400) }], chunkChars: 4, delayMs: 50 });
		const running = prompt(first.device.doc, 'Talk for a long time');
		const messages = (device: Device, id: string) => listMessages(device.doc, id);
		await until(first.device.doc, () => messages(first.device, first.id).some((m) => m.kind === 'assistant' && m.text.length > 0), 'first reply streaming', 60_000);
		const waiting = prompt(second.device.doc, 'My turn next');
		await until(second.device.doc, () => messages(second.device, second.id).find((m) => m.id === waiting && /MAX_AGENTS=1/.test(m.meta.waitReason ?? '')), 'second prompt waits for a slot');

		expect(await metric('agent_processes')).toBe(1);
		expect(await metric('agent_prompts_waiting')).toBe(1);

		requestStop(first.device.doc, running);
		await until(second.device.doc, () => messages(second.device, second.id).find((m) => m.id === waiting && m.state === 'done'), 'second turn done', 60_000);
		await until(first.device.doc, () => messages(first.device, first.id).find((m) => m.id === running && m.state === 'done'), 'first turn done');
		expect(await metric('agent_prompts_waiting')).toBe(0);
		expect(await metric('agent_processes')).toBe(0);
	}, 120_000);
});
