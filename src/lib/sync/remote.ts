// Attaches a y-websocket provider to every document the device opens, so changes sync while online and
// wait in IndexedDB (y-dexie) while not; the links of all documents fold into one connection status.
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { VIEWING_FIELD } from '$lib/core/push';
import type { DocRegistry } from '$lib/docs/registry';
import { foldStatus, type ConnectionStatus, type DocLink } from './status';

/** The server's close code for an update that breaks the document schema: only that document stops. */
const INVALID_UPDATE = 4422;

export interface RemoteOptions {
	/** Where `/sync/<doc>` lives, e.g. `ws://127.0.0.1:8787/sync`. */
	url: string;
	token: string;
	/** For Node tests: the `ws` package, since Node's own WebSocket lacks what y-websocket needs. */
	WebSocketPolyfill?: typeof WebSocket;
	/** The server closed a socket for good (4400-4499, e.g. 4401 when this device's token was revoked; not 4422). */
	onRefused?: (code: number) => void;
}

export interface Remote {
	status(): ConnectionStatus;
	subscribe(listener: (status: ConnectionStatus) => void): () => void;
	/** Resolves once the open document has received the server's state. */
	whenSynced(name: string): Promise<void>;
	/** Follows the device's network: sockets close when it goes away and reopen when it returns. */
	setNetwork(online: boolean): void;
	/** The document on screen now (null: none, or the app is hidden); the server sends no push about it. */
	setViewing(name: string | null): void;
	close(): void;
}

interface Attached {
	provider: WebsocketProvider;
	link: DocLink;
	waiters: Array<() => void>;
}

export function attachRemote(registry: DocRegistry, options: RemoteOptions, network = true): Remote {
	const attached = new Map<string, Attached>();
	const listeners = new Set<(status: ConnectionStatus) => void>();
	let online = network;
	let viewing: string | null = null;

	const status = () => foldStatus([...attached.values()].map((a) => a.link), { network: online, signedIn: true });
	const publish = () => {
		const now = status();
		for (const listener of listeners) listener(now);
	};

	function attach(name: string, doc: Y.Doc) {
		const provider = new WebsocketProvider(options.url, name, doc, {
			params: { token: options.token },
			connect: online,
			disableBc: true,
			WebSocketPolyfill: options.WebSocketPolyfill
		});
		const entry: Attached = {
			provider,
			link: { connected: false, synced: false, pending: 0, connecting: online },
			waiters: []
		};
		// Local changes keep their document open until the server has them, even after its tab closes.
		let holding = false;
		const hold = () => {
			if (holding) return;
			holding = true;
			void registry.open(name);
		};
		const unhold = () => {
			if (!holding) return;
			holding = false;
			// After the provider's own event has finished: releasing may destroy the provider.
			setTimeout(() => registry.release(name), 0);
		};
		const onStatus = ({ status: s }: { status: string }) => {
			entry.link.connected = s === 'connected';
			if (s !== 'connecting') entry.link.connecting = false;
			if (!entry.link.connected) entry.link.synced = false;
			publish();
		};
		// A socket refused before it opened (HTTP error, server down) reports no status, only this.
		const onClose = () => {
			if (!entry.link.connecting) return;
			entry.link.connecting = false;
			publish();
		};
		const onClosed = ({ code }: { code: number }) => {
			if (code !== INVALID_UPDATE) return options.onRefused?.(code);
			entry.link.rejected = true;
			publish();
		};
		const onSync = (synced: boolean) => {
			entry.link.synced = synced;
			if (synced) {
				// The handshake carried every update the server lacked, so nothing waits any more.
				entry.link.pending = 0;
				for (const resolve of entry.waiters.splice(0)) resolve();
				unhold();
			}
			publish();
		};
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (origin === provider || entry.link.synced) return;
			entry.link.pending++;
			hold();
			publish();
		};
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		provider.on('connection-close', onClose);
		provider.on('closed', onClosed);
		doc.on('update', onUpdate);
		if (name === viewing) provider.awareness.setLocalStateField(VIEWING_FIELD, true);
		attached.set(name, entry);
		publish();
		return () => {
			holding = false;
			doc.off('update', onUpdate);
			provider.destroy();
			attached.delete(name);
			for (const resolve of entry.waiters.splice(0)) resolve();
			publish();
		};
	}

	const unlisten = registry.listen({ opened: attach });

	return {
		status,
		subscribe(listener) {
			listeners.add(listener);
			listener(status());
			return () => listeners.delete(listener);
		},
		whenSynced(name) {
			const entry = attached.get(name);
			if (!entry || entry.link.synced) return Promise.resolve();
			return new Promise((resolve) => entry.waiters.push(resolve));
		},
		setNetwork(next) {
			if (next === online) return;
			online = next;
			for (const { provider, link } of attached.values()) {
				link.connecting = online;
				if (online) provider.connect();
				else provider.disconnect();
			}
			publish();
		},
		setViewing(name) {
			if (name === viewing) return;
			const before = viewing === null ? undefined : attached.get(viewing);
			viewing = name;
			before?.provider.awareness.setLocalStateField(VIEWING_FIELD, false);
			if (name !== null) attached.get(name)?.provider.awareness.setLocalStateField(VIEWING_FIELD, true);
		},
		close() {
			unlisten();
			listeners.clear();
		}
	};
}
