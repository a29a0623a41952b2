// One loaded document. Invariant: an update is durable in the store before any peer is sent it, and a
// sync-step-2 reply is only encoded while every update in the Y.Doc is durable, so a server killed at
// any moment has everything a client was ever shown. Client and in-process (runner) edits take the
// same path: applied to the Y.Doc, appended to the store, then broadcast and published to the other
// instances. Their updates arrive through the feed already durable: applied and broadcast, never stored
// again. `cursor` is the log's sequence number up to which this Y.Doc holds every row; a gap above it
// is read from the store's log.
import type { Logger } from 'pino';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ServerMetrics } from '../metrics';
import type { Store } from '../store/types';
import type { DocFeed } from './feed';
import { encodeAwareness, encodeUpdate } from './protocol';
import { mergeToSnapshot } from './snapshot';

/** What a document needs of a socket attached to it. */
export interface Peer {
	send(frame: Uint8Array): void;
	close(code: number, reason: string): void;
	/** Awareness client ids this socket announced, removed when it leaves. */
	readonly awarenessIds: Set<number>;
}

export interface HostedDocOptions {
	store: Store;
	log: Logger;
	metrics?: Pick<ServerMetrics, 'updates' | 'storeSeconds'>;
	compactAfterUpdates: number;
	feed: DocFeed;
	/** Called once if a write fails: the Y.Doc now holds changes the store does not. */
	onWriteFailed: (hosted: HostedDoc) => void;
}

/** Origin of the transaction that replays the stored log: already durable, not broadcast. */
const FROM_STORE = Symbol('from-store');
/** Origin of another instance's updates (through the feed or read from the log): durable, broadcast only. */
const FROM_FEED = Symbol('from-feed');

export class HostedDoc {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly peers = new Set<Peer>();
	/** Sockets plus DocHost holders; the registry unloads the document when this is 0. */
	holds = 0;
	/** Encoded bytes loaded and appended since: what the document counts against the loaded-bytes budget. */
	bytes: number;
	/** When a holder or an update last touched it; the least recent is shed first when over budget. */
	lastUsedAt = Date.now();
	private rows: number;
	private queue: Array<{ update: Uint8Array; origin: unknown }> = [];
	private unwritten = 0;
	private draining = false;
	private compacting: Promise<void> | null = null;
	private failed = false;
	private whenDurableCallbacks: Array<() => void> = [];
	private cursor: number;
	/** Row ranges (first → last) this Y.Doc holds above the cursor, with a gap below them. */
	private ahead = new Map<number, number>();
	private catchingUp: Promise<void> | null = null;

	constructor(
		readonly tenant: string,
		readonly name: string,
		stored: Uint8Array[],
		head: number,
		private readonly options: HostedDocOptions
	) {
		this.cursor = head;
		this.awareness.setLocalState(null);
		this.doc.transact(() => {
			for (const update of stored) Y.applyUpdate(this.doc, update);
		}, FROM_STORE);
		this.rows = stored.length;
		this.bytes = stored.reduce((sum, update) => sum + update.byteLength, 0);
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwareness);
	}

	get storedRows(): number {
		return this.rows;
	}

	/** True while rows below some that this Y.Doc holds have not reached it yet. */
	get hasGap(): boolean {
		return this.ahead.size > 0;
	}

	/** Another instance's durable updates, numbered from `first`: applied and broadcast, not stored. */
	applyRemote(first: number, updates: Uint8Array[]): void {
		if (this.failed) return;
		this.doc.transact(() => {
			for (const update of updates) Y.applyUpdate(this.doc, update);
		}, FROM_FEED);
		this.received(first, first + updates.length - 1);
		if (this.hasGap) void this.catchUp();
	}

	/** Reads every row above the cursor from the log (after a gap, or when the feed may have lost messages). */
	catchUp(): Promise<void> {
		this.catchingUp ??= this.options.store
			.loadSince(this.tenant, this.name, this.cursor)
			.then(({ updates, head }) => {
				if (this.failed) return;
				this.doc.transact(() => {
					for (const update of updates) Y.applyUpdate(this.doc, update);
				}, FROM_FEED);
				this.received(this.cursor + 1, head);
			})
			.catch((error) => this.options.log.error({ err: error, tenant: this.tenant, doc: this.name }, 'catch-up read failed'))
			.finally(() => (this.catchingUp = null));
		return this.catchingUp;
	}

	private received(first: number, last: number): void {
		if (last <= this.cursor) return;
		this.ahead.set(first, Math.max(last, this.ahead.get(first) ?? 0));
		for (let moved = true; moved; ) {
			moved = false;
			for (const [from, to] of this.ahead) {
				if (from > this.cursor + 1) continue;
				this.cursor = Math.max(this.cursor, to);
				this.ahead.delete(from);
				moved = true;
			}
		}
	}

	/** Runs `fn` synchronously at a moment when everything in the Y.Doc is durable. */
	whileDurable(fn: () => void): void {
		if (this.unwritten === 0) fn();
		else this.whenDurableCallbacks.push(fn);
	}

	/** Resolves once every update so far is durable (or the document failed). */
	settled(): Promise<void> {
		return new Promise((resolve) => this.whileDurable(resolve));
	}

	addPeer(peer: Peer): void {
		this.peers.add(peer);
	}

	removePeer(peer: Peer): void {
		this.peers.delete(peer);
		if (peer.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer);
	}

	/** Merges the stored log into one snapshot row; one compaction at a time. */
	compact(): Promise<void> {
		this.compacting ??= this.options.store
			.compact(this.tenant, this.name, mergeToSnapshot)
			.then((merged) => {
				if (merged > 0) this.rows -= merged - 1;
			})
			.catch((error) => this.options.log.error({ err: error, tenant: this.tenant, doc: this.name }, 'compaction failed'))
			.finally(() => (this.compacting = null));
		return this.compacting;
	}

	destroy(): void {
		this.doc.off('update', this.onUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	private onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === FROM_STORE || this.failed) return;
		this.bytes += update.byteLength;
		this.lastUsedAt = Date.now();
		if (origin === FROM_FEED) return this.broadcast(encodeUpdate(update), origin);
		this.options.metrics?.updates.inc({ from: this.peers.has(origin as Peer) ? 'client' : 'server' });
		this.queue.push({ update, origin });
		this.unwritten++;
		void this.drain();
	};

	private async drain(): Promise<void> {
		if (this.draining) return;
		this.draining = true;
		while (this.queue.length > 0 && !this.failed) {
			const batch = this.queue.splice(0);
			const updates = batch.map((b) => b.update);
			let last: number;
			const timing = this.options.metrics?.storeSeconds.startTimer();
			try {
				last = await this.options.store.appendUpdates(this.tenant, this.name, updates);
			} catch (error) {
				this.options.log.error({ err: error, tenant: this.tenant, doc: this.name }, 'store write failed');
				this.failed = true;
				this.options.onWriteFailed(this);
				break;
			} finally {
				timing?.();
			}
			this.rows += batch.length;
			// Durable now: only from here may peers and other instances see these updates.
			for (const { update, origin } of batch) this.broadcast(encodeUpdate(update), origin);
			const first = last - updates.length + 1;
			this.options.feed.publish(this.tenant, this.name, first, updates);
			this.received(first, last);
			this.unwritten -= batch.length;
		}
		this.draining = false;
		if (this.unwritten === 0 || this.failed) {
			const callbacks = this.whenDurableCallbacks.splice(0);
			for (const fn of callbacks) fn();
		}
		if (!this.failed && this.rows >= this.options.compactAfterUpdates) void this.compact();
	}

	private broadcast(frame: Uint8Array, except: unknown): void {
		for (const peer of this.peers) if (peer !== except) peer.send(frame);
	}

	private onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		if (changed.length === 0) return;
		const peer = this.peers.has(origin as Peer) ? (origin as Peer) : null;
		if (peer) {
			for (const id of added) peer.awarenessIds.add(id);
			for (const id of removed) peer.awarenessIds.delete(id);
		}
		// Echoed to the sender too: y-websocket clients treat silence for 30 s as a dead connection,
		// and their periodic awareness renewal coming back is what keeps an idle socket alive.
		const frame = encodeAwareness(this.awareness, changed);
		for (const p of this.peers) p.send(frame);
	};
}
