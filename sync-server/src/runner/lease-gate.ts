// A session worker runs only while its runner holds the session's lease. A session document that loads
// here is claimed; if another runner holds it, this one waits for a queued prompt and claims again then
// (the holder may have let go). A held lease is renewed while the document stays loaded, released when it
// unloads, and a renewal that fails stops the worker at once. A periodic sweep takes over sessions with
// unfinished turns whose holder died: the worker it starts marks the cut turn interrupted and goes on.
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { messagesArray } from '../../../src/lib/core/ydoc';
import type { Lease, TurnLeases } from '../cluster/lease';
import { docKey, type DocHost, type HeldDoc } from '../sync/host';
import { insertsQueuedPrompt } from './queued';

export interface GatedWorker {
	resume(opened: HeldDoc): void;
	close(): Promise<void>;
}

export interface LeaseGateDeps {
	leases: TurnLeases;
	host: DocHost;
	log: Logger;
	/** Starts (or finds) the session's worker once the lease is held; undefined for a document that is no session. */
	start(tenant: string, name: string, doc: Y.Doc): GatedWorker | undefined;
	/** Called for a document the sweep found pending that has no session to run. */
	notASession(tenant: string, name: string): Promise<void>;
	now?: () => number;
}

interface Held {
	lease: Lease;
	doc: Y.Doc;
	timer: NodeJS.Timeout;
	renewedAt: number;
}

const SWEEP_LIMIT = 16;

export function leaseGate(deps: LeaseGateDeps) {
	const { leases, log } = deps;
	const now = deps.now ?? Date.now;
	const renewEveryMs = Math.max(1, Math.floor(leases.ttlMs / 3));
	const held = new Map<string, Held>();
	const watching = new Map<string, () => void>();
	const workers = new Map<string, GatedWorker>();
	let closed = false;

	const stopWatching = (key: string) => {
		watching.get(key)?.();
		watching.delete(key);
	};

	function lost(key: string, why: string): void {
		const entry = held.get(key);
		if (!entry) return;
		clearInterval(entry.timer);
		held.delete(key);
		log.warn({ tenant: entry.lease.tenant, doc: entry.lease.doc, why }, 'turn lease lost: stopping this session here');
		void workers.get(key)?.close();
		workers.delete(key);
		// The document may stay loaded here (its devices are connected): a prompt queued after the new
		// holder lets go must still find a runner.
		if (!entry.doc.isDestroyed) watch(entry.lease.tenant, entry.lease.doc, entry.doc);
	}

	function hold(lease: Lease, doc: Y.Doc): void {
		const key = docKey(lease.tenant, lease.doc);
		stopWatching(key);
		const entry: Held = { lease, doc, renewedAt: now(), timer: setInterval(() => void renew(key, entry), renewEveryMs) };
		entry.timer.unref();
		held.set(key, entry);
		doc.once('destroy', () => {
			if (held.get(key) !== entry) return;
			clearInterval(entry.timer);
			held.delete(key);
			workers.delete(key);
			leases.release(lease).catch((err: unknown) => log.warn({ err }, 'could not release a turn lease'));
		});
	}

	async function renew(key: string, entry: Held): Promise<void> {
		// Stop before the lease can expire, so two runners never overlap: also when renewals fail or hang
		// (a stalled database answers nothing, and this tick comes round anyway). Leases in this process are
		// exempt: a tick made late by a busy event loop is no loss, and the renewal's answer below is the truth.
		const sent = now();
		if (!leases.inProcess && sent - entry.renewedAt >= leases.ttlMs - renewEveryMs) return lost(key, 'the lease could not be renewed in time');
		try {
			// The lease runs from when the renewal was sent at the latest, not from its answer.
			if (await leases.renew(entry.lease)) entry.renewedAt = Math.max(entry.renewedAt, sent);
			else lost(key, 'another runner took the session');
		} catch (err) {
			log.warn({ err }, 'could not renew a turn lease');
		}
	}

	function run(tenant: string, name: string, doc: Y.Doc): GatedWorker | undefined {
		const key = docKey(tenant, name);
		const worker = deps.start(tenant, name, doc);
		if (worker) workers.set(key, worker);
		return worker;
	}

	/** Waits for a queued prompt in a document another runner holds, then tries to claim it. */
	function watch(tenant: string, name: string, doc: Y.Doc): void {
		const key = docKey(tenant, name);
		if (watching.has(key)) return;
		let trying = false;
		const onChange = (_event: unknown, transaction: Y.Transaction) => {
			if (trying || !insertsQueuedPrompt(doc, transaction)) return;
			trying = true;
			void claim(tenant, name, doc).finally(() => (trying = false));
		};
		messagesArray(doc).observe(onChange);
		const stop = () => messagesArray(doc).unobserve(onChange);
		watching.set(key, stop);
		doc.once('destroy', () => {
			if (watching.get(key) === stop) watching.delete(key);
		});
	}

	async function claim(tenant: string, name: string, doc: Y.Doc): Promise<void> {
		const key = docKey(tenant, name);
		if (closed || held.get(key)?.doc === doc) return;
		let lease: Lease | null;
		try {
			lease = await leases.claim(tenant, name);
		} catch (err) {
			log.error({ err, tenant, doc: name }, 'could not claim a turn lease');
			lease = null;
		}
		if (closed || doc.isDestroyed) {
			if (lease) await leases.release(lease).catch(() => undefined);
			return;
		}
		if (!lease) return watch(tenant, name, doc);
		if (held.get(key)?.doc !== doc) hold(lease, doc);
		run(tenant, name, doc);
	}

	return {
		/** For every session document the registry loads. */
		loaded(tenant: string, name: string, doc: Y.Doc): void {
			void claim(tenant, name, doc);
		},

		/** Takes over sessions with unfinished turns that no live runner holds. */
		async sweep(): Promise<void> {
			for (const lease of await leases.claimOrphans(SWEEP_LIMIT)) {
				const opened = await deps.host.open(lease.tenant, lease.doc);
				const key = docKey(lease.tenant, lease.doc);
				if (held.get(key)?.doc !== opened.doc) hold(lease, opened.doc);
				const worker = run(lease.tenant, lease.doc, opened.doc);
				if (worker) {
					log.info({ tenant: lease.tenant, doc: lease.doc, generation: lease.generation }, 'took over a session with unfinished turns');
					worker.resume(opened);
				} else {
					opened.release();
					await deps.notASession(lease.tenant, lease.doc);
				}
			}
		},

		/** Lets go of every lease, so another runner can take the sessions at once. */
		async close(): Promise<void> {
			closed = true;
			for (const stop of watching.values()) stop();
			watching.clear();
			const entries = [...held.values()];
			held.clear();
			for (const entry of entries) clearInterval(entry.timer);
			await Promise.all(entries.map((e) => leases.release(e.lease).catch(() => undefined)));
		}
	};
}
