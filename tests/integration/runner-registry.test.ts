// The runner over the real document registry and store: what it writes is persisted like any
// client's change, the pending mark lives in the store, and a reloaded document has the reply.
import Anthropic from '@anthropic-ai/sdk';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { listMessages } from '../../src/lib/core/ydoc';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply } from '../../sync-server/src/demo/script';
import { DEFAULTS } from '../../sync-server/src/config';
import { createRunner, type Runner } from '../../sync-server/src/runner/runner';
import { runnerService } from '../../sync-server/src/runner/service';
import { startServer } from '../../sync-server/src/server';
import { createMemoryStore } from '../../sync-server/src/store/memory';
import { Registry } from '../../sync-server/src/sync/registry';
import { KEY, prompt, TENANT, until } from './runner-harness';

const log = pino({ level: 'silent' });
let fake: FakeAnthropic;
let runner: Runner | undefined;
afterEach(async () => {
	await runner?.stop();
	await fake?.close();
});

describe('runner over the registry', () => {
	it('persists the streamed reply and clears the pending mark in the store', async () => {
		fake = await startFakeAnthropic({ apiKey: KEY });
		const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
		const store = createMemoryStore();
		const registry = new Registry({ store, log, idleUnloadMs: 10, compactAfterUpdates: 500 });
		runner = createRunner({ host: registry, work: store, client, log, config: { flushMs: 10 } });
		await runner.start();

		const sessionId = newId();
		const name = sessionDocName(sessionId);
		const device = await registry.open(TENANT, name);
		fake.script(textReply('Stored for good', { chunkChars: 3 }));
		const id = prompt(device.doc, 'remember this');
		await until(device.doc, () => listMessages(device.doc, sessionId).find((m) => m.id === id && m.state === 'done'), 'turn done');
		await runner.settled();
		expect(await store.listPending()).toEqual([]);
		device.release();
		await registry.closeAll();

		const reloaded = await registry.open(TENANT, name);
		const reply = listMessages(reloaded.doc, sessionId).find((m) => m.kind === 'assistant');
		expect(reply).toMatchObject({ state: 'done', text: 'Stored for good', meta: { replyTo: id, stopReason: 'end_turn' } });
		reloaded.release();
		await registry.closeAll();
	});
});

describe('runner as a server service', () => {
	it('answers with the demo model when no key is set, and saves an interrupted turn on shutdown', async () => {
		const store = createMemoryStore();
		const server = await startServer({ ...DEFAULTS, port: 0 }, log, { store, services: [runnerService({ runner: { flushMs: 10 }, demo: { delayMs: 2 } })] });
		const sessionId = newId();
		const name = sessionDocName(sessionId);
		const device = await server.registry.open(TENANT, name);
		const first = prompt(device.doc, 'What is this app?');
		const answer = await until(device.doc, () => listMessages(device.doc, sessionId).find((m) => m.meta.replyTo === first && m.state === 'done'), 'demo answer', 15_000);
		expect(answer.text).toContain('ANTHROPIC_API_KEY');

		const second = prompt(device.doc, 'And more?');
		await until(device.doc, () => listMessages(device.doc, sessionId).find((m) => m.meta.replyTo === second && m.text.length > 0), 'second reply streaming');
		device.release();
		await server.close();
		// What the store kept: the shutdown stopped the turn and saved it as interrupted.
		const reloaded = new Y.Doc();
		for (const update of await store.loadUpdates(TENANT, name)) Y.applyUpdate(reloaded, update);
		const cut = listMessages(reloaded, sessionId).find((m) => m.meta.replyTo === second && m.kind === 'assistant');
		expect(cut?.state).toBe('interrupted');
	});
});
