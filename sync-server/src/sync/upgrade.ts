// `WS /sync/<doc>?token=`: every refusal happens before the upgrade, as a plain HTTP status (404 not a
// sync path, 403 foreign Origin, 401 missing or wrong token, 400 bad document name). Only then is the
// socket upgraded and bound to (the token's tenant, doc) — the tenant never comes from the URL.
import type { UpgradeWebSocket } from 'hono/ws';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Auth } from '../auth/service';
import { bearerToken } from '../auth/tokens';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { originAllowed, type ServerNames } from '../http/origins';
import { CLOSE, Connection } from './connection';
import type { Registry } from './registry';
import type { Sockets } from './sockets';
import { parseSyncTarget } from './target';

// @hono/node-ws reports a socket error as `new ErrorEvent(...)`, which Node 20 does not have (Node 22 does):
// the ReferenceError then replaced the socket's real error in the log. Its own CloseEvent has the same fallback.
(globalThis as { ErrorEvent?: unknown }).ErrorEvent ??= class ErrorEvent extends Event {
	readonly error: unknown;
	constructor(type: string, init?: { error?: unknown }) {
		super(type);
		this.error = init?.error;
	}
};

export interface SyncUpgradeOptions {
	auth: Auth;
	registry: Registry;
	sockets: Sockets;
	log: Logger;
	names: ServerNames;
	maxBufferedBytes: number;
	/** Each socket's message rate (connection.ts). */
	messagesPerSecond: number;
	upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (err: unknown) => void }>;
}

function rawTarget(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
	const incoming = c.env?.incoming?.url;
	if (incoming) return incoming;
	const url = new URL(c.req.url);
	return url.pathname + url.search;
}

export function syncUpgrade(options: SyncUpgradeOptions): MiddlewareHandler<AppEnv> {
	const { auth, registry, sockets, log } = options;
	return async function upgradeSync(c, next) {
		if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return next();
		const target = parseSyncTarget(rawTarget(c));
		if (!target.ok && target.reason === 'not-found') return apiError(c, 404, 'not-found', 'WebSockets are served at /sync/<doc> only.');
		if (!originAllowed(c.req.header('origin'), c.req.header('host'), options.names)) {
			return apiError(c, 403, 'origin-not-allowed', 'This origin may not sync with this server.');
		}
		const principal = await auth.verify(target.token ?? bearerToken(c.req.header('authorization')));
		if (!principal) return apiError(c, 401, 'unauthorized', 'A valid token is required (?token=).');
		if (!target.ok) return apiError(c, 400, 'invalid-doc-name', 'The document is `index` or `session/<id>`.');
		const name = target.name;

		let connection: Connection | null = null;
		let forget = () => {};
		return options.upgradeWebSocket(
			c,
			{
				onOpen(_event, ws) {
					const socket = ws.raw as WebSocket;
					connection = new Connection(socket, principal, name, {
						registry,
						log,
						maxBufferedBytes: options.maxBufferedBytes,
						outgoing: sockets,
						rate: { perSecond: options.messagesPerSecond, burst: options.messagesPerSecond * 10 }
					});
					forget = sockets.add(socket, connection);
					void connection.start();
				},
				onMessage(event) {
					if (typeof event.data === 'string') connection?.close(CLOSE.malformed, 'text-frames-unsupported');
					else connection?.receive(new Uint8Array(event.data as ArrayBuffer));
				},
				onClose() {
					connection?.detach();
					forget();
				},
				onError(event) {
					log.warn({ err: (event as ErrorEvent).error, tenant: principal.tenant, doc: name }, 'sync socket error');
				}
			},
			{ onError: (err) => log.error({ err, tenant: principal.tenant, doc: name }, 'sync handler failed') }
		);
	};
}
