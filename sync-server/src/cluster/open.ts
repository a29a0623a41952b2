// What this instance shares with the others of its deployment. Without REDIS_URL it is alone: the
// local feed, revocations closing its own sockets. With it, document updates and revocations travel
// over Redis channels, and what a lost message would have said is recovered from the store.
import { hostname } from 'node:os';
import pg from 'pg';
import type { Logger } from 'pino';
import { newId } from '../../../src/lib/core/ids';
import type { ServerConfig } from '../config';
import { channelFeed, localFeed, type DocFeed } from '../sync/feed';
import type { WorkList } from '../runner/worklist';
import { redisChannels, type Channels } from './channels';
import { memoryLeases, type TurnLeases } from './lease';
import { postgresLeases } from './pg-lease';
import { shareRevocations } from './revocation';

export interface Cluster {
	/** This instance's name among the others (logs, lease owner). */
	instance: string;
	feed: DocFeed;
	/** Who runs which session's turns: PostgreSQL's leases with DATABASE_URL, else this process runs them all. */
	leases(work: WorkList): TurnLeases;
	/**
	 * Returns `revoked(hash)`, which closes the token's sockets here and on every other instance.
	 * `recheck` runs after a Redis outage, to close sockets whose revocation message was lost.
	 */
	shareRevocations(closeLocal: (tokenHash: string) => void, recheck: () => Promise<void>): Promise<{ revoked: (tokenHash: string) => void }>;
	close(): Promise<void>;
}

export async function openCluster(config: Pick<ServerConfig, 'redisUrl' | 'databaseUrl' | 'leaseTtlMs'>, log: Logger): Promise<Cluster> {
	const instance = `${hostname()}/${process.pid}/${newId().slice(-6)}`;
	// The store has migrated the database already; leases need only a connection or two of their own.
	const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 2 }) : undefined;
	const leases = (work: WorkList) =>
		pool ? postgresLeases(pool, instance, config.leaseTtlMs) : memoryLeases(work, { owner: instance, ttlMs: config.leaseTtlMs });
	const closePool = async () => pool?.end();
	if (!config.redisUrl) {
		return { instance, feed: localFeed, leases, shareRevocations: async (closeLocal) => ({ revoked: closeLocal }), close: closePool };
	}
	const channels = await redisChannels(config.redisUrl, log);
	return { ...clusterOver(channels, instance, log), leases, close: async () => (await channels.close(), await closePool()) };
}

export function clusterOver(channels: Channels, instance: string, log: Logger): Omit<Cluster, 'leases'> {
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
