// A device for benches: the unmodified y-websocket WebsocketProvider in Node, whose socket counts the
// bytes it receives (WebSocket frames as they cross the wire), and a wait that reports when a
// document reached a state, timed inside the update handler rather than after promise hops.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface Received {
	frames: number;
	/** Payload plus frame header: unmasked server frames, no compression (neither server negotiates it). */
	bytes: number;
}

export interface BenchDevice {
	doc: Y.Doc;
	provider: WebsocketProvider;
	received: Received;
	destroy(): void;
}

const headerBytes = (payload: number) => (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

/** `serverUrl` as WebsocketProvider takes it; `params` become the query (our server's token). */
export function benchDevice(serverUrl: string, room: string, params: Record<string, string> = {}): BenchDevice {
	const received: Received = { frames: 0, bytes: 0 };
	class CountingSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			this.on('message', (data: ArrayBuffer | Buffer) => {
				received.frames++;
				received.bytes += data.byteLength + headerBytes(data.byteLength);
			});
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		params,
		WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return {
		doc,
		provider,
		received,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 20_000): Promise<void> {
	if (provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${provider.roomname} did not sync`)), timeoutMs);
		const onSync = (synced: boolean) => {
			if (!synced) return;
			clearTimeout(timer);
			provider.off('sync', onSync);
			resolve();
		};
		provider.on('sync', onSync);
	});
}

/** Resolves with performance.now() of the first update after which `reached` holds. */
export function arrival(doc: Y.Doc, reached: () => boolean, timeoutMs = 20_000): Promise<number> {
	if (reached()) return Promise.resolve(performance.now());
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			doc.off('update', check);
			reject(new Error('document never reached the expected state'));
		}, timeoutMs);
		const check = () => {
			if (!reached()) return;
			const at = performance.now();
			clearTimeout(timer);
			doc.off('update', check);
			resolve(at);
		};
		doc.on('update', check);
	});
}

/** Appends a character on `from` and resolves with the milliseconds until `to` has applied it. */
export function editDelay(from: BenchDevice, to: BenchDevice): Promise<number> {
	const text = from.doc.getText('t');
	const seen = to.doc.getText('t');
	const started = performance.now();
	text.insert(text.length, 'x');
	const want = text.length;
	return arrival(to.doc, () => seen.length === want).then((at) => at - started);
}

/** Runs `make` over `items`, `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, make: (item: T, i: number) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => make(item, i + j)))));
	return out;
}
