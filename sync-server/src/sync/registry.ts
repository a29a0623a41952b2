// The set of loaded documents. Memory stays bounded: a document nobody holds (no socket, no DocHost
// holder) is unloaded after an idle delay, once its writes are durable, compacting its log on the way
// out. A document is loaded at most once at a time: opens during a load or an unload wait for it.
// With several instances, a document subscribes to the feed before it loads (what arrives meanwhile is
// applied after the load), and catches up from the log when the feed may have lost messages.
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { ServerMetrics } from '../metrics';
import type { Store } from '../store/types';
import { localFeed, type DocFeed, type FeedListener } from './feed';
import type { DocHost, HeldDoc } from './host';
import { HostedDoc } from './hosted-doc';
import { docKey } from './host';
import { quarantineInvalid } from './schema-guard';
import { CLOSE } from './connection';

export interface RegistryOptions {
	store: Store;
	log: Logger;
	metrics?: ServerMetrics;
	idleUnloadMs: number;
	compactAfterUpdates: number;
	/** Encoded bytes of all loaded documents; loading past it sheds the least recently used ones held only by sockets. */
	loadedBytesBudget?: number;
	/** Other instances' updates (default: none, one instance). */
	feed?: DocFeed;
	/** How often a document with a gap in its log reads what it missed, if no message fills it first. */
	gapCheckMs?: number;
}

type Entry =
	| { state: 'loading'; ready: Promise<HostedDoc> }
	| { state: 'loaded'; hosted: HostedDoc; idleTimer: NodeJS.Timeout | null }
	| { state: 'unloading'; done: Promise<void> };

type LoadListener = (tenant: string, name: string, doc: Y.Doc) => void;


export class Registry implements DocHost {
	private entries = new Map<string, Entry>();
	private loadListeners = new Set<LoadListener>();
	private loadsTotal = 0;
	private unloadsTotal = 0;
	private readonly feed: DocFeed;
	private readonly unsubscribes = new Map<HostedDoc, () => void>();
	private readonly stopFeed: () => void;

	constructor(private readonly options: RegistryOptions) {
		this.feed = options.feed ?? localFeed;
		const unsubscribeResume = this.feed.onResume(() => this.catchUpAll(() => true));
		// Alone, nothing else writes the log: no gap can open.
		const gapTimer = options.feed ? setInterval(() => this.catchUpAll((hosted) => hosted.hasGap), options.gapCheckMs ?? 1000) : undefined;
		gapTimer?.unref();
		this.stopFeed = () => {
			unsubscribeResume();
			clearInterval(gapTimer);
		};
	}

	private catchUpAll(which: (hosted: HostedDoc) => boolean): void {
		for (const entry of this.entries.values()) if (entry.state === 'loaded' && which(entry.hosted)) void entry.hosted.catchUp();
	}

	/** Loads (or finds) the document and counts one more holder of it. */
	async acquire(tenant: string, name: string): Promise<HostedDoc> {
		const key = docKey(tenant, name);
		for (;;) {
			const entry = this.entries.get(key);
			if (!entry) {
				const ready = this.load(tenant, name);
				this.entries.set(key, { state: 'loading', ready });
				try {
					const hosted = await ready;
					this.entries.set(key, { state: 'loaded', hosted, idleTimer: null });
					hosted.holds++;
					this.shedOverBudget(hosted);
					return hosted;
				} catch (error) {
					this.entries.delete(key);
					throw error;
				}
			}
			if (entry.state === 'loaded') {
				if (entry.idleTimer) clearTimeout(entry.idleTimer);
				entry.idleTimer = null;
				entry.hosted.holds++;
				entry.hosted.lastUsedAt = Date.now();
				return entry.hosted;
			}
			if (entry.state === 'loading') await entry.ready.catch(() => undefined);
			else await entry.done;
		}
	}

	/** Drops one holder; the last one starts the idle timer. */
	release(hosted: HostedDoc): void {
		const entry = this.entries.get(docKey(hosted.tenant, hosted.name));
		if (entry?.state !== 'loaded' || entry.hosted !== hosted) return;
		hosted.holds = Math.max(0, hosted.holds - 1);
		if (hosted.holds > 0 || entry.idleTimer) return;
		entry.idleTimer = setTimeout(() => void this.unload(hosted), this.options.idleUnloadMs);
		entry.idleTimer.unref();
	}

	async open(tenant: string, name: string): Promise<HeldDoc> {
		const hosted = await this.acquire(tenant, name);
		let held = true;
		return {
			doc: hosted.doc,
			release: () => {
				if (held) this.release(hosted);
				held = false;
			}
		};
	}

	onLoad(listener: LoadListener): () => void {
		this.loadListeners.add(listener);
		return () => this.loadListeners.delete(listener);
	}

	/** The live document if loaded, for tests and stats; never loads. */
	peek(tenant: string, name: string): HostedDoc | null {
		const entry = this.entries.get(docKey(tenant, name));
		return entry?.state === 'loaded' ? entry.hosted : null;
	}

	stats() {
		let loaded = 0;
		let peers = 0;
		let bytes = 0;
		for (const entry of this.entries.values()) {
			if (entry.state !== 'loaded') continue;
			loaded++;
			peers += entry.hosted.peers.size;
			bytes += entry.hosted.bytes;
		}
		return { loaded, peers, bytes, loadsTotal: this.loadsTotal, unloadsTotal: this.unloadsTotal };
	}

	/**
	 * Keeps the loaded documents within the bytes budget: the least recently used ones that only sockets
	 * hold (an in-process holder, such as a running turn, is never cut off) have their sockets closed with
	 * 1013 (try again later) and are unloaded. `keep` is the document just loaded.
	 */
	private shedOverBudget(keep: HostedDoc): void {
		const budget = this.options.loadedBytesBudget;
		if (budget === undefined) return;
		let total = this.stats().bytes;
		if (total <= budget) return;
		const candidates = [...this.entries.values()]
			.flatMap((entry) => (entry.state === 'loaded' && entry.hosted !== keep && entry.hosted.holds === entry.hosted.peers.size ? [entry.hosted] : []))
			.sort((a, b) => a.lastUsedAt - b.lastUsedAt);
		for (const hosted of candidates) {
			if (total <= budget) break;
			total -= hosted.bytes;
			this.options.metrics?.shed.inc({ budget: 'loaded-bytes' });
			this.options.log.warn({ tenant: hosted.tenant, doc: hosted.name, bytes: hosted.bytes }, 'document shed: loaded documents over LOADED_DOC_BUDGET_BYTES');
			for (const peer of [...hosted.peers]) peer.close(CLOSE.overloaded, 'over-budget');
			void this.unload(hosted);
		}
	}

	/** Shutdown: waits for every write, compacts and unloads everything, held or not. */
	async closeAll(): Promise<void> {
		this.stopFeed();
		for (;;) {
			const pending = [...this.entries.values()];
			if (pending.length === 0) return;
			await Promise.all(
				pending.map(async (entry) => {
					if (entry.state === 'loading') await entry.ready.catch(() => undefined);
					else if (entry.state === 'unloading') await entry.done;
					else await this.unload(entry.hosted, true);
				})
			);
		}
	}

	private async load(tenant: string, name: string): Promise<HostedDoc> {
		let hosted: HostedDoc | undefined;
		const early: Array<Parameters<FeedListener>> = [];
		const unsubscribe = await this.feed.subscribe(tenant, name, (first, updates) =>
			hosted ? hosted.applyRemote(first, updates) : early.push([first, updates])
		);
		try {
			const { updates, head } = await this.options.store.loadSince(tenant, name, 0);
			hosted = new HostedDoc(tenant, name, updates, head, {
				store: this.options.store,
				log: this.options.log,
				compactAfterUpdates: this.options.compactAfterUpdates,
				metrics: this.options.metrics,
				feed: this.feed,
				onWriteFailed: (failed) => this.evict(failed)
			});
		} catch (error) {
			unsubscribe();
			throw error;
		}
		this.unsubscribes.set(hosted, unsubscribe);
		for (const [first, updates] of early) hosted.applyRemote(first, updates);
		this.loadsTotal++;
		const moved = quarantineInvalid(hosted.doc, name);
		if (moved.length > 0) this.options.log.error({ tenant, doc: name, moved }, 'stored entries break the document schema: moved to its quarantine map');
		for (const listener of this.loadListeners) {
			try {
				listener(tenant, name, hosted.doc);
			} catch (error) {
				this.options.log.error({ err: error, tenant, doc: name }, 'onLoad listener failed');
			}
		}
		return hosted;
	}

	private async unload(hosted: HostedDoc, force = false): Promise<void> {
		const key = docKey(hosted.tenant, hosted.name);
		const entry = this.entries.get(key);
		if (entry?.state !== 'loaded' || entry.hosted !== hosted || (hosted.holds > 0 && !force)) return;
		if (entry.idleTimer) clearTimeout(entry.idleTimer);
		const done = (async () => {
			for (const peer of hosted.peers) peer.close(1001, 'server-shutting-down');
			await hosted.settled();
			if (hosted.storedRows > 1) await hosted.compact();
			this.destroy(hosted);
		})();
		this.entries.set(key, { state: 'unloading', done });
		try {
			await done;
		} finally {
			this.entries.delete(key);
			this.unloadsTotal++;
		}
	}

	/** A failed write leaves the Y.Doc ahead of the store: drop it so the next open reloads the truth. */
	private evict(hosted: HostedDoc): void {
		const key = docKey(hosted.tenant, hosted.name);
		const entry = this.entries.get(key);
		if (entry?.state !== 'loaded' || entry.hosted !== hosted) return;
		if (entry.idleTimer) clearTimeout(entry.idleTimer);
		this.entries.delete(key);
		for (const peer of hosted.peers) peer.close(1011, 'store-write-failed');
		this.destroy(hosted);
	}

	private destroy(hosted: HostedDoc): void {
		this.unsubscribes.get(hosted)?.();
		this.unsubscribes.delete(hosted);
		hosted.destroy();
	}
}
