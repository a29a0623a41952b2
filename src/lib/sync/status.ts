// Folds the state of every document's connection into the one status the person sees.
export type DocLink = {
	/** The socket is open. */
	connected: boolean;
	/** The server's state has been received since the socket opened. */
	synced: boolean;
	/** Local changes made while this document was not synced. */
	pending: number;
};

export type ConnectionState = 'online' | 'offline' | 'syncing';

export interface ConnectionStatus {
	state: ConnectionState;
	/** Local changes not yet sent to the server. */
	pending: number;
	/** Why the device is offline, when it is. */
	reason?: 'no-network' | 'not-signed-in' | 'server-unreachable';
}

export function foldStatus(links: Iterable<DocLink>, env: { network: boolean; signedIn: boolean }): ConnectionStatus {
	let pending = 0;
	let anyConnected = false;
	let allSynced = true;
	for (const link of links) {
		pending += link.pending;
		anyConnected ||= link.connected;
		allSynced &&= link.connected && link.synced;
	}
	if (!env.signedIn) return { state: 'offline', pending, reason: 'not-signed-in' };
	if (!env.network) return { state: 'offline', pending, reason: 'no-network' };
	if (!anyConnected) return { state: 'offline', pending, reason: 'server-unreachable' };
	if (allSynced && pending === 0) return { state: 'online', pending };
	return { state: 'syncing', pending };
}

export function describeStatus(status: ConnectionStatus): string {
	const waiting = status.pending > 0 ? ` · ${status.pending} local change${status.pending === 1 ? '' : 's'} not yet on the server` : '';
	switch (status.state) {
		case 'online':
			return 'Online';
		case 'syncing':
			return `Syncing${waiting}`;
		case 'offline': {
			const why =
				status.reason === 'not-signed-in'
					? ' · not signed in'
					: status.reason === 'server-unreachable'
						? ' · server unreachable'
						: '';
			return `Offline${why}${waiting}`;
		}
	}
}
