// Test equipment for the runner flows: an in-memory DocHost, the fake Anthropic server with a real SDK
// client over loopback, devices as Y.Docs linked by updates, and a wait that follows document updates.
import Anthropic from '@anthropic-ai/sdk';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import * as Y from 'yjs';
import { sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import type { Message } from '../../src/lib/core/model';
import { appendMessage, listMessages, putSession } from '../../src/lib/core/ydoc';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { createRunner, type Runner, type RunnerDeps } from '../../sync-server/src/runner/runner';
import { memoryWorkList } from '../../sync-server/src/runner/worklist';
import type { DocHost, HeldDoc } from '../../sync-server/src/sync/host';

export const TENANT = 'tenant1';
export const KEY = 'sk-ant-test';

/** The registry's contract, in memory: one live Y.Doc per name, with hold counts, loaded from `stored`. */
export class MemoryHost implements DocHost {
	readonly docs = new Map<string, { doc: Y.Doc; holds: number }>();
	readonly #listeners = new Set<(tenant: string, name: string, doc: Y.Doc) => void>();

	constructor(private readonly stored = new Map<string, Uint8Array>()) {}

	/** The live document (loading it from the store, and telling listeners, if it was not). */
	doc(tenant: string, name: string): Y.Doc {
		const key = `${tenant}/${name}`;
		let entry = this.docs.get(key);
		if (!entry) {
			entry = { doc: new Y.Doc(), holds: 0 };
			const saved = this.stored.get(key);
			if (saved) Y.applyUpdate(entry.doc, saved);
			this.docs.set(key, entry);
			for (const listener of this.#listeners) listener(tenant, name, entry.doc);
		}
		return entry.doc;
	}

	/** What a store would hold right now: the state a new server process starts from. */
	persisted(): Map<string, Uint8Array> {
		return new Map([...this.docs].map(([key, { doc }]) => [key, Y.encodeStateAsUpdate(doc)]));
	}

	holds(tenant: string, name: string): number {
		return this.docs.get(`${tenant}/${name}`)?.holds ?? 0;
	}

	async open(tenant: string, name: string): Promise<HeldDoc> {
		const doc = this.doc(tenant, name);
		const entry = this.docs.get(`${tenant}/${name}`)!;
		entry.holds++;
		let released = false;
		return {
			doc,
			release: () => {
				if (!released) entry.holds--;
				released = true;
			}
		};
	}

	onLoad(listener: (tenant: string, name: string, doc: Y.Doc) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

/** Resolves once `check` holds, re-checking on every update of `doc`; fails with `what` after a while. */
export function until<T>(doc: Y.Doc, check: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
	return new Promise((resolve, reject) => {
		const test = () => {
			const value = check();
			if (value) {
				doc.off('update', test);
				clearTimeout(timer);
				resolve(value);
			}
		};
		const timer = setTimeout(() => {
			doc.off('update', test);
			reject(new Error(`Timed out waiting for: ${what}`));
		}, ms);
		doc.on('update', test);
		test();
	});
}

/** Two documents kept in sync both ways, as a device and the server are over a live socket. */
export function link(a: Y.Doc, b: Y.Doc): () => void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	const toB = (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a);
	const toA = (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b);
	a.on('update', toB);
	b.on('update', toA);
	return () => {
		a.off('update', toB);
		b.off('update', toA);
	};
}

export function prompt(doc: Y.Doc, text: string, id = newId()): string {
	appendMessage(doc, { id, kind: 'user', text, state: 'queued', createdAt: Date.now(), meta: {} });
	return id;
}

/** Collects the JSON lines pino writes, to check what the server logged. */
export function memoryLog() {
	const lines: Array<Record<string, unknown>> = [];
	const stream = new Writable({
		write(chunk: Buffer, _enc, done) {
			lines.push(JSON.parse(chunk.toString()));
			done();
		}
	});
	return { log: pino({ level: 'info' }, stream), lines };
}

export interface Harness {
	fake: FakeAnthropic;
	client: Anthropic;
	host: MemoryHost;
	work: ReturnType<typeof memoryWorkList>;
	runner: Runner;
	sessionId: string;
	name: string;
	/** The session document as the server holds it. */
	doc: Y.Doc;
	messages(doc?: Y.Doc): Message[];
	/** A new runner over the same host and work list (a restart). */
	restart(overrides?: Partial<RunnerDeps>): Promise<Runner>;
	close(): Promise<void>;
}

type HarnessOptions = Partial<RunnerDeps> & { maxRetries?: number; model?: string; host?: MemoryHost; sessionId?: string };

export async function harness(overrides: HarnessOptions = {}): Promise<Harness> {
	const fake = await startFakeAnthropic({ apiKey: KEY });
	const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: overrides.maxRetries ?? 1 });
	const host = overrides.host ?? new MemoryHost();
	const work = memoryWorkList();
	const sessionId = overrides.sessionId ?? newId();
	const name = sessionDocName(sessionId);
	if (overrides.model) {
		putSession(host.doc(TENANT, 'index'), { id: sessionId, title: 'Test', createdAt: 1, updatedAt: 1, status: 'active', model: overrides.model });
	}
	const runners: Runner[] = [];
	const make = async (extra: Partial<RunnerDeps> = {}) => {
		const runner = createRunner({
			host,
			work,
			client,
			...overrides,
			...extra,
			config: { flushMs: 20, requestTimeoutMs: 2000, idleTimeoutMs: 2000, ...overrides.config, ...extra.config }
		});
		runners.push(runner);
		await runner.start();
		return runner;
	};
	const runner = await make();
	const doc = host.doc(TENANT, name);
	return {
		fake,
		client,
		host,
		work,
		runner,
		sessionId,
		name,
		doc,
		messages: (d = doc) => listMessages(d, sessionId),
		restart: make,
		close: async () => {
			for (const r of runners) await r.stop();
			await fake.close();
		}
	};
}
