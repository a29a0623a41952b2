// Folds the state of every document's connection into the one status the person sees.
export type DocLink = {
	/** The socket is open. */
	connected: boolean;
	/** The server's state has been received since the socket opened. */
	synced: boolean;
	/** Local changes made while this document was not synced. */
	pending: number;
	/** The first attempt since the network came (back) is still under way: not yet a failure. */
	connecting?: boolean;
	/** The server refused a change made on this device (it breaks the document schema): no longer synced. */
	rejected?: boolean;
};

export type ConnectionState = 'online' | 'offline' | 'syncing';

export type OfflineReason = 'no-network' | 'not-signed-in' | 'server-unreachable' | 'refused';

export interface ConnectionStatus {
	state: ConnectionState;
	/** Local changes not yet sent to the server. */
	pending: number;
	/** Why the device is offline, when it is. */
	reason?: OfflineReason;
	/** Documents the server stopped syncing because a change made here breaks their schema. */
	rejected?: number;
}

export function foldStatus(links: Iterable<DocLink>, env: { network: boolean; signedIn: boolean }): ConnectionStatus {
	let pending = 0;
	let anyConnected = false;
	let anyConnecting = false;
	let allSynced = true;
	let rejected = 0;
	for (const link of links) {
		if (link.rejected) {
			rejected++;
			continue;
		}
		pending += link.pending;
		anyConnected ||= link.connected;
		anyConnecting ||= link.connecting === true;
		allSynced &&= link.connected && link.synced;
	}
	const extra = rejected > 0 ? { rejected } : {};
	if (!env.signedIn) return { state: 'offline', pending, reason: 'not-signed-in' };
	if (!env.network) return { state: 'offline', pending, reason: 'no-network', ...extra };
	if (!anyConnected && !anyConnecting && rejected === 0) return { state: 'offline', pending, reason: 'server-unreachable' };
	if (allSynced && pending === 0) return { state: 'online', pending, ...extra };
	return { state: 'syncing', pending, ...extra };
}

const LABELS = { online: 'Online', offline: 'Offline', syncing: 'Syncing' } as const;

const WHY: Record<OfflineReason, string> = {
	'no-network': '',
	'not-signed-in': 'not signed in',
	'server-unreachable': 'server unreachable',
	refused: "signed out: this device's access was revoked"
};

/** The word for the state, and what else the person should know (empty when nothing). */
export function statusParts(status: ConnectionStatus): { label: string; detail: string } {
	const details: string[] = [];
	if (status.state === 'offline' && status.reason && WHY[status.reason]) details.push(WHY[status.reason]);
	if (status.pending > 0) {
		details.push(`${status.pending} local change${status.pending === 1 ? '' : 's'} not yet on the server`);
	}
	if (status.rejected) {
		details.push(`${status.rejected} document${status.rejected === 1 ? '' : 's'} not syncing: the server refused a change made here`);
	}
	return { label: LABELS[status.state], detail: details.join(' · ') };
}

export function describeStatus(status: ConnectionStatus): string {
	const { label, detail } = statusParts(status);
	return detail ? `${label} · ${detail}` : label;
}
