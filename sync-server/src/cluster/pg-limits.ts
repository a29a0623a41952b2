// Per-tenant turn and prompt limits counted in PostgreSQL, so they hold across a deployment's instances.
// An admission runs under a per-tenant transaction lock: count the live turn slots and the prompt starts
// in the window, then take a slot. A slot lapses unless renewed, so a dead instance's turns stop counting;
// the database's clock decides, never an instance's. A released slot is announced on `released` so that
// prompts waiting on other instances try again at once (and a timer retries anyway if that message is lost).
import type pg from 'pg';
import { newId } from '../../../src/lib/core/ids';
import { inTransaction } from '../store/pg-transaction';
import type { LimitsConfig } from '../runner/config';
import { rateReason, runningReason, type Admission, type TurnLimits } from '../runner/limits';

const LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('turn-limits:' || $1, 1014))";
const COUNT_RUNNING = 'WITH gone AS (DELETE FROM turn_slots WHERE tenant = $1 AND expires_at < now()) SELECT COUNT(*)::int AS n FROM turn_slots WHERE tenant = $1';
const RECENT_STARTS = `WITH gone AS (DELETE FROM prompt_starts WHERE tenant = $1 AND started_at <= now() - ($2::bigint * interval '1 millisecond'))
	SELECT COUNT(*)::int AS n, (EXTRACT(EPOCH FROM MIN(started_at) + ($2::bigint * interval '1 millisecond') - now()) * 1000)::bigint AS wait_ms
	FROM prompt_starts WHERE tenant = $1 AND started_at > now() - ($2::bigint * interval '1 millisecond')`;
const TAKE_SLOT = "INSERT INTO turn_slots (tenant, id, expires_at) VALUES ($1, $2, now() + ($3::bigint * interval '1 millisecond'))";
const RECORD_START = 'INSERT INTO prompt_starts (tenant, id, started_at) VALUES ($1, $2, now())';
const RENEW_SLOT = "UPDATE turn_slots SET expires_at = now() + ($3::bigint * interval '1 millisecond') WHERE tenant = $1 AND id = $2";
const FREE_SLOT = 'DELETE FROM turn_slots WHERE tenant = $1 AND id = $2';

export interface PostgresLimitsOptions {
	pool: pg.Pool;
	limits: LimitsConfig;
	/** How long a slot outlives its last renewal (the lease time: an instance that dies frees its slots then). */
	slotTtlMs: number;
	/** Tells the other instances a slot was freed; `onReleased` hears theirs. */
	announce(): void;
	onReleased(listener: () => void): () => void;
	onError(err: unknown): void;
	now?: () => number;
}

export function postgresLimits(options: PostgresLimitsOptions): TurnLimits {
	const { pool, limits, slotTtlMs } = options;
	const listeners = new Set<() => void>();
	const wake = () => listeners.forEach((listener) => listener());
	options.onReleased(wake);
	const now = options.now ?? Date.now;

	function admit(tenant: string, id: string): Promise<Extract<Admission, { ok: false }> | null> {
		return inTransaction(pool, async (client) => {
			await client.query(LOCK, [tenant]);
			const running = (await client.query<{ n: number }>(COUNT_RUNNING, [tenant])).rows[0].n;
			if (running >= limits.concurrentTurns) return { ok: false, reason: runningReason(running, limits.concurrentTurns) };
			const starts = (await client.query<{ n: number; wait_ms: string | null }>(RECENT_STARTS, [tenant, limits.windowMs])).rows[0];
			if (starts.n >= limits.promptsPerMinute) {
				const waitMs = Math.max(0, Number(starts.wait_ms ?? 0));
				return { ok: false, reason: rateReason(limits.promptsPerMinute, waitMs), retryAt: now() + waitMs };
			}
			await client.query(TAKE_SLOT, [tenant, id, slotTtlMs]);
			await client.query(RECORD_START, [tenant, id]);
			return null;
		});
	}

	return {
		async tryStart(tenant) {
			const id = newId();
			const refused = await admit(tenant, id);
			// A release announced on another instance may be lost: a waiting prompt also tries again after a slot's time.
			if (refused) return { ...refused, retryAt: refused.retryAt ?? now() + slotTtlMs };
			const renewal = setInterval(
				() => void pool.query(RENEW_SLOT, [tenant, id, slotTtlMs]).catch(options.onError),
				Math.max(1, Math.floor(slotTtlMs / 3))
			);
			renewal.unref();
			let released = false;
			return {
				ok: true,
				release: () => {
					if (released) return;
					released = true;
					clearInterval(renewal);
					pool
						.query(FREE_SLOT, [tenant, id])
						.then(() => options.announce(), options.onError)
						.finally(wake);
				}
			};
		},
		onRelease(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};
}
