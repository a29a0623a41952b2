// Connects this device's documents to the sync server of the page's origin, and follows the browser's
// network state, so sockets close at once when the device goes offline and reopen when it returns.
import type * as Y from 'yjs';
import type { LocalDocs } from '$lib/docs/local';
import { startPool, type Pool } from './pool';
import { attachRemote, type Remote } from './remote';

export interface Connection {
	remote: Remote;
	pool: Pool;
	close(): void;
}

export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

export function connect(docs: LocalDocs, index: Y.Doc, token: string, onRefused?: (code: number) => void): Connection {
	const remote = attachRemote(docs.registry, { url: syncUrl(window.location), token, onRefused }, navigator.onLine);
	const pool = startPool(docs, index, remote);
	const follow = () => remote.setNetwork(navigator.onLine);
	window.addEventListener('online', follow);
	window.addEventListener('offline', follow);
	return {
		remote,
		pool,
		close() {
			window.removeEventListener('online', follow);
			window.removeEventListener('offline', follow);
			pool.close();
			remote.close();
		}
	};
}
