// Node clients for the sync server: the unmodified y-websocket WebsocketProvider (a "device"), raw
// sockets for refusal and garbage tests, and waits that resolve on events rather than sleeps.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface Device {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

export function connectDevice(syncUrl: string, name: string, token: string, doc = new Y.Doc()): Device {
	const provider = new WebsocketProvider(syncUrl, name, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return {
		doc,
		provider,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
	if (provider.synced) return Promise.resolve();
	return withTimeout(
		new Promise((resolve) => {
			const onSync = (isSynced: boolean) => {
				if (!isSynced) return;
				provider.off('sync', onSync);
				resolve();
			};
			provider.on('sync', onSync);
		}),
		timeoutMs,
		'provider did not sync'
	);
}

/** Resolves once `predicate` holds, checking now and after every update of `doc`. */
export function until(doc: Y.Doc, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
	if (predicate()) return Promise.resolve();
	let check = () => {};
	return withTimeout(
		new Promise<void>((resolve) => {
			check = () => {
				if (predicate()) resolve();
			};
			doc.on('update', check);
		}),
		timeoutMs,
		'document never reached the expected state'
	).finally(() => doc.off('update', check));
}

/** Polls an async condition (for server-side state without events, such as /health counts). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 20): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: NodeJS.Timeout;
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))
	]).finally(() => clearTimeout(timer));
}

export type Handshake = { opened: true; socket: WebSocket } | { opened: false; status: number };

/** Opens a raw socket and reports whether the upgrade happened, or the HTTP status it was refused with. */
export function handshake(url: string, headers: Record<string, string> = {}): Promise<Handshake> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers });
		socket.once('open', () => resolve({ opened: true, socket }));
		socket.once('unexpected-response', (_req, res) => {
			resolve({ opened: false, status: res.statusCode ?? 0 });
			socket.terminate();
		});
		socket.once('error', (error) => reject(error));
	});
}

/** Resolves with the close code once the socket closes. */
export function closed(socket: WebSocket, timeoutMs = 10_000): Promise<number> {
	if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
	return withTimeout(new Promise((resolve) => socket.once('close', (code) => resolve(code))), timeoutMs, 'socket stayed open');
}

/**
 * Sends an upgrade request with the path exactly as given (a WebSocket client would normalise `..`
 * and such first) and resolves with the status: 101 when the server upgraded.
 */
export function rawUpgrade(origin: string, path: string, headers: Record<string, string> = {}): Promise<number> {
	const { hostname, port } = new URL(origin);
	return new Promise((resolve, reject) => {
		const req = httpRequest({
			host: hostname,
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
				...headers
			}
		});
		req.once('upgrade', (res, socket) => {
			socket.destroy();
			resolve(res.statusCode ?? 0);
		});
		req.once('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.once('error', reject);
		req.end();
	});
}
