// What this instance shares with the others of its deployment. Without REDIS_URL it is alone: the
// local feed, revocations closing its own sockets. With it, document updates and revocations travel
// over Redis channels, and what a lost message would have said is recovered from the store.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { newId } from '../../../src/lib/core/ids';
import type { ServerConfig } from '../config';
import { channelFeed, localFeed, type DocFeed } from '../sync/feed';
import { redisChannels, type Channels } from './channels';
import { shareRevocations } from './revocation';

export interface Cluster {
	/** This instance's name among the others (logs, lease owner). */
	instance: string;
	feed: DocFeed;
	/**
	 * Returns `revoked(hash)`, which closes the token's sockets here and on every other instance.
	 * `recheck` runs after a Redis outage, to close sockets whose revocation message was lost.
	 */
	shareRevocations(closeLocal: (tokenHash: string) => void, recheck: () => Promise<void>): Promise<{ revoked: (tokenHash: string) => void }>;
	close(): Promise<void>;
}

export async function openCluster(config: Pick<ServerConfig, 'redisUrl'>, log: Logger): Promise<Cluster> {
	const instance = `${hostname()}/${process.pid}/${newId().slice(-6)}`;
	if (!config.redisUrl) {
		return { instance, feed: localFeed, shareRevocations: async (closeLocal) => ({ revoked: closeLocal }), close: async () => undefined };
	}
	return clusterOver(await redisChannels(config.redisUrl, log), instance, log);
}

export function clusterOver(channels: Channels, instance: string, log: Logger): Cluster {
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
