import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/types';
import type { Peer } from './hosted-doc';
import { Registry } from './registry';

const log = pino({ level: 'silent' });

/** A store whose appends wait until the test opens the gate, to observe what happens meanwhile. */
function gatedStore(base = createMemoryStore()) {
	let open: () => void = () => {};
	let gate = new Promise<void>((r) => (open = r));
	let fail = false;
	const store: Store = {
		...base,
		async appendUpdates(tenant, doc, updates) {
			await gate;
			if (fail) throw new Error('disk full');
			return base.appendUpdates(tenant, doc, updates);
		}
	};
	return {
		store,
		base,
		release: () => open(),
		failNext: () => {
			fail = true;
			open();
		},
		reset: () => (gate = new Promise<void>((r) => (open = r)))
	};
}

function fakePeer() {
	const peer: Peer & { frames: Uint8Array[]; closedWith: number | null } = {
		frames: [],
		closedWith: null,
		awarenessIds: new Set(),
		send: (frame) => peer.frames.push(frame),
		close: (code) => (peer.closedWith = code)
	};
	return peer;
}

const registry = (store: Store, over: Partial<ConstructorParameters<typeof Registry>[0]> = {}) =>
	new Registry({ store, log, idleUnloadMs: 10, compactAfterUpdates: 1000, ...over });

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Registry', () => {
	it('sends an update to other peers only after the store has it', async () => {
		const gated = gatedStore();
		const reg = registry(gated.store);
		const hosted = await reg.acquire('alpha', 'index');
		const sender = fakePeer();
		const receiver = fakePeer();
		hosted.addPeer(sender);
		hosted.addPeer(receiver);

		const other = new Y.Doc();
		other.getText('t').insert(0, 'hello');
		Y.applyUpdate(hosted.doc, Y.encodeStateAsUpdate(other), sender);
		await flush();
		expect(receiver.frames).toHaveLength(0);
		expect(await gated.base.countUpdates('alpha', 'index')).toBe(0);

		gated.release();
		await hosted.settled();
		expect(await gated.base.countUpdates('alpha', 'index')).toBe(1);
		expect(receiver.frames).toHaveLength(1);
		expect(sender.frames).toHaveLength(0);
	});

	it('answers sync step 1 only while every in-memory change is durable', async () => {
		const gated = gatedStore();
		const reg = registry(gated.store);
		const held = await reg.open('alpha', 'index');
		const hosted = reg.peek('alpha', 'index')!;
		held.doc.getMap('m').set('k', 'runner wrote this');
		let replied = false;
		hosted.whileDurable(() => (replied = true));
		await flush();
		expect(replied).toBe(false);
		gated.release();
		await hosted.settled();
		expect(replied).toBe(true);
		held.release();
	});

	it('loads a document once for concurrent opens and tells onLoad listeners', async () => {
		const store = createMemoryStore();
		const reg = registry(store);
		const loads: string[] = [];
		reg.onLoad((tenant, name) => loads.push(`${tenant}/${name}`));
		const [a, b] = await Promise.all([reg.open('alpha', 'session/x'), reg.open('alpha', 'session/x')]);
		expect(a.doc).toBe(b.doc);
		expect(loads).toEqual(['alpha/session/x']);
		a.release();
		b.release();
	});

	it('compacts a busy document without changing its content', async () => {
		const store = createMemoryStore();
		const reg = registry(store, { compactAfterUpdates: 10 });
		const held = await reg.open('alpha', 'session/c');
		const text = held.doc.getText('t');
		for (let i = 0; i < 100; i++) {
			text.insert(text.length, `${i},`);
			if (i % 7 === 0) text.delete(0, 1);
			await flush();
		}
		held.doc.getMap('m').set('last', 99);
		const hosted = reg.peek('alpha', 'session/c')!;
		await hosted.settled();
		await hosted.compact();
		expect(await store.countUpdates('alpha', 'session/c')).toBeLessThan(10);

		const replay = new Y.Doc();
		for (const u of await store.loadUpdates('alpha', 'session/c')) Y.applyUpdate(replay, u);
		expect(replay.getText('t').toString()).toBe(text.toString());
		expect(replay.getMap('m').get('last')).toBe(99);
		held.release();
	});

	it('drops a document whose write failed, closing its sockets, and reloads the stored truth', async () => {
		const gated = gatedStore();
		gated.release();
		const reg = registry(gated.store);
		const held = await reg.open('alpha', 'index');
		held.doc.getMap('m').set('saved', true);
		await reg.peek('alpha', 'index')!.settled();

		gated.reset();
		const hosted = reg.peek('alpha', 'index')!;
		const peer = fakePeer();
		hosted.addPeer(peer);
		held.doc.getMap('m').set('lost', true);
		gated.failNext();
		await hosted.settled();
		expect(peer.closedWith).toBe(1011);
		expect(reg.peek('alpha', 'index')).toBeNull();

		const reopened = await reg.open('alpha', 'index');
		expect(reopened.doc.getMap('m').toJSON()).toEqual({ saved: true });
		reopened.release();
	});

	it('flushes and unloads everything on closeAll, even documents still held', async () => {
		const store = createMemoryStore();
		const reg = registry(store, { idleUnloadMs: 60_000 });
		const held = await reg.open('alpha', 'index');
		held.doc.getMap('m').set('k', 1);
		await reg.closeAll();
		expect(reg.stats().loaded).toBe(0);
		expect(await store.countUpdates('alpha', 'index')).toBe(1);
	});
});
