// Every live sync socket: pings them so half-open TCP connections are dropped, closes a revoked
// token's sockets at once, and closes all on shutdown.
import type { WebSocket } from 'ws';
import { CLOSE, type Connection } from './connection';

interface Live {
	socket: WebSocket;
	connection: Connection;
	alive: boolean;
}

export class Sockets {
	private live = new Set<Live>();
	private timer: NodeJS.Timeout;

	constructor(heartbeatMs: number) {
		this.timer = setInterval(() => this.heartbeat(), heartbeatMs);
		this.timer.unref();
	}

	add(socket: WebSocket, connection: Connection): () => void {
		const item: Live = { socket, connection, alive: true };
		this.live.add(item);
		socket.on('pong', () => (item.alive = true));
		return () => this.live.delete(item);
	}

	get size(): number {
		return this.live.size;
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
