// TurnLease: one runner at a time runs a session's turns. The holder is a runner, named by `owner`
// (today a server instance; a runner on someone's own machine could hold one the same way). A lease
// expires unless renewed; whoever takes an expired lease gets the next generation, and a holder whose
// renewal fails (its generation moved on) must stop the session's turn at once: that is the fence.
import type { WorkList } from '../runner/worklist';
import { docKey } from '../sync/host';

export interface Lease {
	tenant: string;
	doc: string;
	owner: string;
	generation: number;
}

export interface TurnLeases {
	readonly owner: string;
	readonly ttlMs: number;
	/**
	 * The leases live in this process: a renewal answers at once and is the whole truth. A renewal timer that
	 * comes late (the event loop was busy) then loses nothing unless the renewal is refused; with a database,
	 * a late or unanswered renewal may mean the lease lapsed for the others, and the holder must stop.
	 */
	readonly inProcess: boolean;
	/** The session's lease, if it is free, expired or already this owner's; null while another holds it. */
	claim(tenant: string, doc: string): Promise<Lease | null>;
	/** Extends the lease; false if it was lost, and then the holder must stop. */
	renew(lease: Lease): Promise<boolean>;
	/** Lets another runner take the session at once. */
	release(lease: Lease): Promise<void>;
	/** Claims sessions with unfinished turns that no live runner holds (their holder died, or none had). */
	claimOrphans(limit: number): Promise<Lease[]>;
}

export type MemoryLeaseTable = Map<string, { owner: string; generation: number; expiresAt: number }>;

export interface MemoryLeaseOptions {
	owner?: string;
	ttlMs?: number;
	now?: () => number;
	/** Runners sharing one table see each other's leases (tests); by default the table is this runner's own. */
	table?: MemoryLeaseTable;
}

/** A single instance: the leases live in memory, and the orphans are the work list's pending sessions. */
export function memoryLeases(work: WorkList, options: MemoryLeaseOptions = {}): TurnLeases {
	const { owner = 'this-process', ttlMs = 15_000, now = Date.now, table: held = new Map() } = options;
	const leases: TurnLeases = {
		owner,
		ttlMs,
		inProcess: true,
		async claim(tenant, doc) {
			const key = docKey(tenant, doc);
			const current = held.get(key);
			const live = current !== undefined && current.expiresAt > now();
			if (live && current.owner !== owner) return null;
			const generation = live ? current.generation : (current?.generation ?? 0) + 1;
			held.set(key, { owner, generation, expiresAt: now() + ttlMs });
			return { tenant, doc, owner, generation };
		},
		async renew(lease) {
			const current = held.get(docKey(lease.tenant, lease.doc));
			if (current?.owner !== lease.owner || current.generation !== lease.generation) return false;
			current.expiresAt = now() + ttlMs;
			return true;
		},
		async release(lease) {
			const current = held.get(docKey(lease.tenant, lease.doc));
			if (current?.owner === lease.owner && current.generation === lease.generation) current.expiresAt = now() - 1;
		},
		async claimOrphans(limit) {
			const claimed: Lease[] = [];
			for (const { tenant, doc } of await work.listPending()) {
				if (claimed.length >= limit) break;
				const current = held.get(docKey(tenant, doc));
				if (current && current.expiresAt > now()) continue;
				const lease = await leases.claim(tenant, doc);
				if (lease) claimed.push(lease);
			}
			return claimed;
		}
	};
	return leases;
}
