// What this instance shares with the others of its deployment. Without REDIS_URL it is alone: the
// local feed, revocations closing its own sockets. With it, document updates and revocations travel
// over Redis channels, and what a lost message would have said is recovered from the store.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { newId } from '../../../src/lib/core/ids';
import type { ServerConfig } from '../config';
import { channelFeed, localFeed, type DocFeed } from '../sync/feed';
import type { LimitsConfig } from '../runner/config';
import type { TurnLimits } from '../runner/limits';
import type { WorkList } from '../runner/worklist';
import type { SharedLock } from '../workspace/locks';
import type { Channels } from './channels';
import type { PostgresLimitsOptions } from './pg-limits';
import { memoryLeases, type TurnLeases } from './lease';
import { shareRevocations } from './revocation';

export interface Cluster {
	/** This instance's name among the others (logs, lease owner). */
	instance: string;
	feed: DocFeed;
	/** Holds a file path against the other instances while it changes (no-op alone). */
	fileLock: SharedLock | undefined;
	/** Who runs which session's turns: PostgreSQL's leases with DATABASE_URL, else this process runs them all. */
	leases(work: WorkList): TurnLeases;
	/** Per-tenant limits counted in PostgreSQL with DATABASE_URL; undefined: counted in this process. */
	limits(config: LimitsConfig): TurnLimits | undefined;
	/**
	 * Returns `revoked(hash)`, which closes the token's sockets here and on every other instance.
	 * `recheck` runs after a Redis outage, to close sockets whose revocation message was lost.
	 */
	shareRevocations(closeLocal: (tokenHash: string) => void, recheck: () => Promise<void>): Promise<{ revoked: (tokenHash: string) => void }>;
	close(): Promise<void>;
}

export async function openCluster(config: Pick<ServerConfig, 'redisUrl' | 'databaseUrl' | 'leaseTtlMs'>, log: Logger): Promise<Cluster> {
	const instance = `${hostname()}/${process.pid}/${newId().slice(-6)}`;
	// The store has migrated the database already; leases and file locks use a small pool of their own.
	// pg and ioredis load only when configured: one instance on SQLite starts without them.
	const channels = config.redisUrl ? await (await import('./channels')).redisChannels(config.redisUrl, log) : undefined;
	const released = new Set<() => void>();
	await channels?.subscribe(RELEASED, () => released.forEach((listener) => listener()));
	const shared = config.databaseUrl ? await sharedDatabase(config.databaseUrl, instance, config.leaseTtlMs) : undefined;
	const parts = {
		fileLock: shared?.fileLock,
		leases: (work: WorkList) => shared?.leases ?? memoryLeases(work, { owner: instance, ttlMs: config.leaseTtlMs }),
		limits: (limits: LimitsConfig) =>
			shared?.limits({
				limits,
				slotTtlMs: config.leaseTtlMs,
				announce: () => channels?.publish(RELEASED, new Uint8Array()),
				onReleased: (listener) => (released.add(listener), () => released.delete(listener)),
				onError: (err) => log.warn({ err }, 'turn limit bookkeeping failed')
			})
	};
	const close = async () => (await channels?.close(), await shared?.close());
	if (!channels) return { instance, feed: localFeed, ...parts, shareRevocations: async (closeLocal) => ({ revoked: closeLocal }), close };
	return { ...clusterOver(channels, instance, log), ...parts, close };
}

const RELEASED = 'turn-limits-released';

export function clusterOver(channels: Channels, instance: string, log: Logger): Omit<Cluster, 'leases' | 'fileLock' | 'limits'> {
	return {
		instance,
		feed: channelFeed(channels, instance),
		async shareRevocations(closeLocal, recheck) {
			const shared = shareRevocations(channels, closeLocal);
			await shared.subscribed;
			channels.onResume(() => void recheck().catch((err: unknown) => log.error({ err }, 'revocation recheck failed')));
			return { revoked: shared.revoked };
		},
		close: () => channels.close()
	};
}

async function sharedDatabase(url: string, instance: string, leaseTtlMs: number) {
	const [{ default: pg }, { postgresFileLock, postgresLeases }, { postgresLimits }] = await Promise.all([
		import('pg'),
		import('./pg-lease'),
		import('./pg-limits')
	]);
	// A waiting file lock holds a connection, so a few more than the leases and limits need.
	const pool = new pg.Pool({ connectionString: url, max: 6 });
	return {
		leases: postgresLeases(pool, instance, leaseTtlMs),
		fileLock: postgresFileLock(pool),
		limits: (options: Omit<PostgresLimitsOptions, 'pool'>) => postgresLimits({ pool, ...options }),
		close: () => pool.end()
	};
}
