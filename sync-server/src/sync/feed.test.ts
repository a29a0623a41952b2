// Two registries on one store, joined by an in-process hub as Redis would join two instances: an edit
// on one reaches the other's sockets without being stored twice, and messages the hub drops are read
// from the log (on a gap, or when the connection resumes).
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryChannelHub } from '../cluster/channels';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/types';
import { channelFeed } from './feed';
import type { Peer } from './hosted-doc';
import { Registry } from './registry';

const log = pino({ level: 'silent' });
const registries: Registry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.closeAll()));
});

function instances(store: Store, count: number) {
	const hub = memoryChannelHub();
	const list = Array.from({ length: count }, (_, i) => {
		const registry = new Registry({ store, log, idleUnloadMs: 60_000, compactAfterUpdates: 1000, feed: channelFeed(hub.connect(), `i${i}`), gapCheckMs: 60_000 });
		registries.push(registry);
		return registry;
	});
	return { hub, list };
}

/** A peer that records every frame it is sent. */
const recorder = (): Peer & { frames: Uint8Array[] } => ({ frames: [], awarenessIds: new Set(), send(f) { this.frames.push(f); }, close() {} });

const text = (doc: Y.Doc) => doc.getText('t').toString();
const settle = (registry: Registry) => registry.peek('alpha', 'index')!.settled();

describe('document feed between instances', () => {
	it('shows an edit on one instance to the other, stored once', async () => {
		const store = createMemoryStore();
		const { list: [a, b] } = instances(store, 2);
		const [onA, onB] = [await a.acquire('alpha', 'index'), await b.acquire('alpha', 'index')];
		const peer = recorder();
		onB.addPeer(peer);
		onA.doc.getText('t').insert(0, 'hello');
		await onA.settled();
		expect(text(onB.doc)).toBe('hello');
		expect(peer.frames).toHaveLength(1);
		expect(await store.countUpdates('alpha', 'index')).toBe(1);
	});

	it('reads from the log what the feed dropped, once a later message shows the gap', async () => {
		const store = createMemoryStore();
		const { hub, list: [a, b] } = instances(store, 2);
		const [onA, onB] = [await a.acquire('alpha', 'index'), await b.acquire('alpha', 'index')];
		hub.dropNext(1);
		onA.doc.getText('t').insert(0, 'lost ');
		await onA.settled();
		expect(text(onB.doc)).toBe('');
		const filled = new Promise<void>((resolve) => onB.doc.on('update', () => text(onB.doc) === 'lost found' && resolve()));
		onA.doc.getText('t').insert(5, 'found');
		await filled;
		expect(onB.hasGap).toBe(false);
	});

	it('reads the log when the connection resumes, for a last message that was lost', async () => {
		const store = createMemoryStore();
		const { hub, list: [a, b] } = instances(store, 2);
		const [onA, onB] = [await a.acquire('alpha', 'index'), await b.acquire('alpha', 'index')];
		hub.dropNext(1);
		onA.doc.getText('t').insert(0, 'tail');
		await onA.settled();
		const filled = new Promise<void>((resolve) => onB.doc.on('update', () => text(onB.doc) === 'tail' && resolve()));
		hub.resume();
		await filled;
	});

	it('keeps what another instance wrote after this one read the log but before it finished loading', async () => {
		const store = createMemoryStore();
		const hub = memoryChannelHub();
		const a = new Registry({ store, log, idleUnloadMs: 60_000, compactAfterUpdates: 1000, feed: channelFeed(hub.connect(), 'a') });
		const onA = await a.acquire('alpha', 'index');
		// B's read of the log returns before A's edit is durable; the edit arrives only through the feed.
		const slowStore: Store = {
			...store,
			async loadSince(tenant, doc, after) {
				const stale = await store.loadSince(tenant, doc, after);
				onA.doc.getText('t').insert(0, 'during load');
				await onA.settled();
				return stale;
			}
		};
		const b = new Registry({ store: slowStore, log, idleUnloadMs: 60_000, compactAfterUpdates: 1000, feed: channelFeed(hub.connect(), 'b') });
		registries.push(a, b);
		expect(text((await b.acquire('alpha', 'index')).doc)).toBe('during load');
	});
});

describe('document feed, hostile input', () => {
	it('ignores garbage on a document channel and keeps applying real updates', async () => {
		const store = createMemoryStore();
		const hub = memoryChannelHub();
		const [a, b] = ['a', 'b'].map((id) => {
			const registry = new Registry({ store, log, idleUnloadMs: 60_000, compactAfterUpdates: 1000, feed: channelFeed(hub.connect(), id) });
			registries.push(registry);
			return registry;
		});
		const [onA, onB] = [await a.acquire('alpha', 'index'), await b.acquire('alpha', 'index')];
		const attacker = hub.connect();
		attacker.publish('doc:["alpha","index"]', new Uint8Array([1, 2, 3, 255, 255]));
		attacker.publish('doc:["alpha","index"]', new Uint8Array(0));
		onA.doc.getText('t').insert(0, 'still fine');
		await onA.settled();
		expect(text(onB.doc)).toBe('still fine');
	});
});
