// Every live sync socket: pings them so half-open TCP connections are dropped, closes a revoked
// token's sockets at once, closes all on shutdown, and keeps the process within its socket budgets:
// unsent bytes over all sockets, and sockets per tenant. Over a budget the least recently active
// sockets are shed with 1013 (try again later), which y-websocket clients retry with a back-off; one with
// unsent bytes is dropped (1006 to the client, which retries the same way).
import type { WebSocket } from 'ws';
import type { ServerMetrics } from '../metrics';
import { CLOSE, type Connection } from './connection';

/** How stale the bound on buffered bytes may get before it is counted again. */
const RECOUNT_MS = 100;

interface Live {
	socket: WebSocket;
	connection: Connection;
	alive: boolean;
}

export interface SocketBudgets {
	/** Unsent bytes buffered over all sockets. */
	totalBufferedBytes: number;
	socketsPerTenant: number;
}

export class Sockets {
	private live = new Set<Live>();
	private timer: NodeJS.Timeout;
	private bufferedBound = 0;
	private countedAt = -Infinity;

	constructor(
		heartbeatMs: number,
		private readonly budgets: SocketBudgets = { totalBufferedBytes: Infinity, socketsPerTenant: Infinity },
		private readonly metrics?: Pick<ServerMetrics, 'shed'>
	) {
		this.timer = setInterval(() => this.heartbeat(), heartbeatMs);
		this.timer.unref();
	}

	add(socket: WebSocket, connection: Connection): () => void {
		const item: Live = { socket, connection, alive: true };
		this.live.add(item);
		socket.on('pong', () => (item.alive = true));
		const tenant = connection.principal.tenant;
		const ofTenant = [...this.live].filter((other) => other.connection.principal.tenant === tenant);
		this.shed(ofTenant, ofTenant.length - this.budgets.socketsPerTenant, 'sockets-per-tenant', item);
		return () => this.live.delete(item);
	}

	get size(): number {
		return this.live.size;
	}

	/**
	 * Whether `connection` may buffer `bytes` more: over the total budget, other sockets that have a
	 * backlog are shed, least recently active first; false when that is still not enough.
	 */
	admitOutgoing(connection: Connection, bytes: number): boolean {
		const budget = this.budgets.totalBufferedBytes;
		// Summing every socket's backlog for each frame cost O(sockets) per send. `bufferedBound` is the sum at
		// the last count plus every frame admitted since (drained bytes are not subtracted), so it does not
		// fall behind what this server queued (ws's own frame headers and pings aside): only when it reaches the budget, or once per RECOUNT_MS, is it counted again.
		const now = performance.now();
		if (this.bufferedBound + bytes > budget || now - this.countedAt > RECOUNT_MS) {
			this.bufferedBound = this.countBuffered();
			this.countedAt = now;
		}
		let total = this.bufferedBound + bytes;
		if (total > budget) {
			const backlogged = [...this.live].filter((item) => item.socket.bufferedAmount > 0 && item.connection !== connection);
			for (const item of backlogged.sort((a, b) => a.connection.lastActiveAt - b.connection.lastActiveAt)) {
				if (total <= budget) break;
				total -= item.socket.bufferedAmount;
				this.close(item, 'total-buffered-bytes');
			}
			this.bufferedBound = total - bytes;
		}
		if (total <= budget) {
			this.bufferedBound += bytes;
			return true;
		}
		this.metrics?.shed.inc({ budget: 'total-buffered-bytes' });
		return false;
	}

	private countBuffered(): number {
		let total = 0;
		for (const { socket } of this.live) total += socket.bufferedAmount;
		return total;
	}

	/** Closes the sockets of a revoked token with 4401, which y-websocket clients do not retry. */
	revoke(tokenHash: string): void {
		for (const { connection } of this.live) {
			if (connection.principal.tokenHash === tokenHash) connection.close(CLOSE.revoked, 'token-revoked');
		}
	}

	/** The device tokens behind the live sockets (a revocation missed while Redis was down is found by these). */
	tokenHashes(): Set<string> {
		return new Set([...this.live].filter((l) => l.connection.principal.source === 'device').map((l) => l.connection.principal.tokenHash));
	}

	closeAll(): void {
		clearInterval(this.timer);
		for (const { connection } of this.live) connection.close(1001, 'server-shutting-down');
	}

	/** Closes the `count` least recently active of `items` (never `keep`). */
	private shed(items: Live[], count: number, budget: string, keep: Live): void {
		if (count <= 0) return;
		const oldest = items.filter((item) => item !== keep).sort((a, b) => a.connection.lastActiveAt - b.connection.lastActiveAt);
		for (const item of oldest.slice(0, count)) this.close(item, budget);
	}

	private close(item: Live, budget: string): void {
		this.metrics?.shed.inc({ budget });
		item.connection.shed('over-budget');
		this.live.delete(item);
	}

	private heartbeat(): void {
		for (const item of this.live) {
			if (!item.alive) {
				item.socket.terminate();
				continue;
			}
			item.alive = false;
			item.socket.ping();
		}
	}
}
