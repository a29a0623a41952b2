// One authenticated socket on one document: queues frames until the document is loaded, then handles
// each y-websocket message in order. A bad frame closes this socket only; the document is untouched.
import type { Logger } from 'pino';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Principal } from '../auth/service';
import type { HostedDoc, Peer } from './hosted-doc';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2 } from './protocol';
import { TokenBucket } from './rate-limit';
import type { Registry } from './registry';
import { applySessionUpdate, checkIndexUpdate, type SchemaCheck } from './schema-guard';
import { parseDocName } from '../../../src/lib/core/docnames';

/** The part of a `ws` WebSocket a connection uses. */
export interface SocketLike {
	readonly readyState: number;
	readonly bufferedAmount: number;
	send(data: Uint8Array): void;
	close(code?: number, reason?: string): void;
	terminate(): void;
	/** Stops and restarts reading the socket: TCP then holds the client back (backpressure). */
	pause(): void;
	resume(): void;
}

const OPEN = 1;
/**
 * Close codes: 1007 bad payload, 1011 server failure, 1013 try again later (slow consumer), 4401 token
 * revoked, 4422 an update that breaks the document schema; y-websocket clients do not retry 4400-4499.
 */
export const CLOSE = { malformed: 1007, serverError: 1011, overloaded: 1013, revoked: 4401, invalidUpdate: 4422 } as const;

export interface ConnectionOptions {
	registry: Registry;
	log: Logger;
	maxBufferedBytes: number;
	/** The process-wide budget of unsent bytes (Sockets); without one, only the per-socket cap applies. */
	outgoing?: { admitOutgoing(connection: Connection, bytes: number): boolean };
	/** Messages a socket may send per second on average, and at once; past it the socket is read more slowly. */
	rate?: { perSecond: number; burst: number };
}

export class Connection implements Peer {
	readonly awarenessIds = new Set<number>();
	/** When the client last sent anything; the least recently active sockets are shed first. */
	lastActiveAt = Date.now();
	private hosted: HostedDoc | null = null;
	private early: Uint8Array[] = [];
	/** Frames read while over the rate, handled in order as tokens come back; the socket is paused meanwhile. */
	private held: Uint8Array[] = [];
	private heldTimer: NodeJS.Timeout | undefined;
	private readonly bucket: TokenBucket | undefined;
	private closed = false;

	constructor(
		private readonly socket: SocketLike,
		readonly principal: Principal,
		readonly docName: string,
		private readonly options: ConnectionOptions
	) {
		const rate = options.rate;
		this.bucket = rate && new TokenBucket(rate.perSecond, rate.burst);
	}

	/** Loads the document and greets the client with sync step 1 and the current awareness. */
	async start(): Promise<void> {
		let hosted: HostedDoc;
		try {
			hosted = await this.options.registry.acquire(this.principal.tenant, this.docName);
		} catch (error) {
			this.options.log.error({ err: error, tenant: this.principal.tenant, doc: this.docName }, 'document load failed');
			this.close(CLOSE.serverError, 'document-load-failed');
			return;
		}
		if (this.closed) {
			this.options.registry.release(hosted);
			return;
		}
		this.hosted = hosted;
		hosted.addPeer(this);
		this.send(encodeSyncStep1(hosted.doc));
		const states = [...hosted.awareness.getStates().keys()];
		if (states.length > 0) this.send(encodeAwareness(hosted.awareness, states));
		for (const frame of this.early.splice(0)) this.receive(frame);
	}

	receive(data: Uint8Array): void {
		if (this.closed) return;
		this.lastActiveAt = Date.now();
		if (!this.hosted) {
			this.early.push(data);
			return;
		}
		if (this.held.length > 0 || (this.bucket && !this.bucket.take())) {
			this.held.push(data);
			return this.holdBack();
		}
		this.handle(data);
	}

	/**
	 * Over the rate: the socket is read no further until a token is back (a flood then costs this socket time,
	 * not everyone's). Not a close: a client catching up after a long time offline only syncs more slowly.
	 */
	private holdBack(): void {
		const bucket = this.bucket;
		if (this.heldTimer || !bucket) return;
		this.socket.pause();
		this.heldTimer = setTimeout(() => {
			this.heldTimer = undefined;
			for (let frame = this.held[0]; frame && !this.closed && bucket.take(); frame = this.held[0]) {
				this.held.shift();
				this.handle(frame);
			}
			if (this.closed) return;
			if (this.held.length > 0) this.holdBack();
			else this.socket.resume();
		}, bucket.waitMs());
	}

	private handle(data: Uint8Array): void {
		const hosted = this.hosted;
		if (!hosted) return;
		const decoded = decodeMessage(data);
		if (!decoded.ok) return this.close(CLOSE.malformed, decoded.reason);
		const { doc, awareness } = hosted;
		const message = decoded.message;
		try {
			switch (message.type) {
				case 'sync-step-1':
					hosted.whileDurable(() => this.send(encodeSyncStep2(doc, message.stateVector)));
					break;
				case 'sync-step-2':
				case 'update': {
					const check = this.applyChecked(doc, message.update);
					if (!check.ok) {
						this.options.log.warn({ tenant: this.principal.tenant, doc: this.docName, problem: check.message }, 'update refused: it breaks the document schema');
						return this.close(CLOSE.invalidUpdate, check.reason);
					}
					break;
				}
				case 'awareness':
					applyAwarenessUpdate(awareness, message.update, this);
					break;
				case 'query-awareness':
					this.send(encodeAwareness(awareness, [...awareness.getStates().keys()]));
					break;
			}
		} catch (error) {
			this.options.log.warn({ err: error, tenant: this.principal.tenant, doc: this.docName }, 'malformed message');
			this.close(CLOSE.malformed, 'malformed-message');
		}
	}

	/** Index updates are tried on a copy first; session updates are applied and repaired (schema-guard.ts). */
	private applyChecked(doc: Y.Doc, update: Uint8Array): SchemaCheck {
		const name = parseDocName(this.docName);
		if (name?.kind === 'session') return applySessionUpdate(doc, name.sessionId, update, this);
		const check = checkIndexUpdate(doc, update);
		if (check.ok) Y.applyUpdate(doc, update, this);
		return check;
	}

	send(frame: Uint8Array): void {
		if (this.closed || this.socket.readyState !== OPEN) return;
		if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
			this.shed('slow-consumer');
			return;
		}
		if (this.options.outgoing && !this.options.outgoing.admitOutgoing(this, frame.byteLength)) {
			this.shed('over-budget');
			return;
		}
		this.socket.send(frame);
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.socket.close(code, reason);
		this.detach();
	}

	/**
	 * Closes with 1013 (try again later) to keep within a memory budget. A socket with unsent bytes is dropped
	 * at once instead: its close frame would wait behind that backlog, the very memory the budget frees.
	 */
	shed(reason: string): void {
		if (this.closed) return;
		this.close(CLOSE.overloaded, reason);
		if (this.socket.bufferedAmount > 0) this.socket.terminate();
	}

	/** The socket is gone (closed by either side). */
	detach(): void {
		if (this.closed) return;
		this.closed = true;
		this.early = [];
		this.held = [];
		clearTimeout(this.heldTimer);
		if (!this.hosted) return;
		this.hosted.removePeer(this);
		this.options.registry.release(this.hosted);
	}
}
