// What an operator sees of Claude Code agents on /metrics: the processes running and the prompts waiting for
// one (MAX_AGENTS), read while a real `claude` turn streams against the fake Anthropic server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestStop } from '../../src/lib/core/turns';
import { listMessages } from '../../src/lib/core/ydoc';
import type { Device } from '../helpers/yclient';
import { startClaudeServer, type ClaudeServer } from './claude-harness';
import { prompt, until } from './runner-harness';

let claude: ClaudeServer;

async function session(): Promise<{ id: string; device: Device }> {
	const { id } = await claude.addSession();
	return { id, device: await claude.connect(id) };
}

/** The value of one unlabelled metric as /metrics reports it now. */
async function metric(name: string): Promise<number> {
	const text = await (await fetch(`${claude.server.origin}/metrics`)).text();
	const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
	if (value === undefined) throw new Error(`/metrics has no ${name}`);
	return Number(value);
}

beforeAll(async () => {
	claude = await startClaudeServer({ name: 'agent-metrics', config: { maxAgents: 1 } });
}, 60_000);

afterAll(() => claude?.close());

describe('agent metrics', () => {
	it('count the running Claude Code process and the prompt waiting for a slot, and both go back to zero', async () => {
		expect(await metric('agent_processes')).toBe(0);
		const first = await session();
		const second = await session();
		// A reply that streams until it is stopped, so the readings happen while the turn runs.
		claude.fake!.script({ type: 'message', content: [{ type: 'text', text: 'Still going. '.repeat(400) }], chunkChars: 4, delayMs: 50 });
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
