// Messages between the instances of one deployment: Redis pub/sub, or an in-process hub for tests.
// Delivery is at most once (pub/sub drops what arrives while a connection is down), so every user of
// Channels must recover from its own durable source when `onResume` fires; the feed does, from the log.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface Channels {
	publish(channel: string, message: Uint8Array): void;
	/** Resolves once subscribed, so nothing published after it resolves is missed while connected. */
	subscribe(channel: string, listener: (message: Uint8Array) => void): Promise<() => void>;
	/**
	 * Called when messages may have been lost: once the connection to the other instances is back, and every
	 * few seconds while it is down (recovering from the durable source then keeps instances in step, late
	 * rather than apart, until it returns).
	 */
	onResume(listener: () => void): () => void;
	close(): Promise<void>;
}

type Listener = (message: Uint8Array) => void;

/** Subscriptions shared by channel name: one SUBSCRIBE per channel however many listeners. */
class Subscriptions {
	readonly byChannel = new Map<string, Set<Listener>>();

	add(channel: string, listener: Listener): { first: boolean; remove: () => boolean } {
		let set = this.byChannel.get(channel);
		const first = !set;
		if (!set) this.byChannel.set(channel, (set = new Set()));
		set.add(listener);
		return {
			first,
			remove: () => {
				set.delete(listener);
				if (set.size > 0 || this.byChannel.get(channel) !== set) return false;
				this.byChannel.delete(channel);
				return true;
			}
		};
	}

	/** A listener that throws (a message it cannot use) costs that message only, never the process. */
	deliver(channel: string, message: Uint8Array, onError: (err: unknown) => void = () => undefined): void {
		for (const listener of this.byChannel.get(channel) ?? []) {
			try {
				listener(message);
			} catch (err) {
				onError(err);
			}
		}
	}
}

const PREFIX = 'session-runner:';
/** How often the listeners recover from their durable source while Redis is unreachable. */
const OUTAGE_RECOVERY_MS = 3000;

/** Two connections (a subscribed one can do nothing else); ioredis resubscribes after a reconnect. */
export async function redisChannels(url: string, log: Logger): Promise<Channels> {
	const options = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 100, 2000) };
	// Publishes issued in one turn of the event loop (one per document written) go out in one write.
	const pub = new Redis(url, { ...options, enableAutoPipelining: true });
	const sub = new Redis(url, options);
	const subscriptions = new Subscriptions();
	const resumeListeners = new Set<() => void>();
	for (const [name, client] of [['publish', pub], ['subscribe', sub]] as const) {
		client.on('error', (err: Error) => log.warn({ err, connection: name }, 'redis connection error'));
	}
	let connectedOnce = false;
	const resumed = () => {
		for (const listener of resumeListeners) listener();
	};
	// What the subscriber misses while down is lost (pub/sub keeps nothing); what the publisher could not
	// send waits in ioredis's queue and goes out when it is back, late but whole.
	let outage: NodeJS.Timeout | undefined;
	sub.on('close', () => {
		if (connectedOnce) outage ??= setInterval(resumed, OUTAGE_RECOVERY_MS).unref();
	});
	sub.on('ready', () => {
		clearInterval(outage);
		outage = undefined;
		// ioredis says ready before it resubscribes; the PING answers after the SUBSCRIBEs it queued behind,
		// so a catch-up read started then misses nothing published later.
		if (connectedOnce) sub.ping().then(resumed, resumed);
		connectedOnce = true;
	});
	sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		const name = channel.toString().slice(PREFIX.length);
		subscriptions.deliver(name, new Uint8Array(message.buffer, message.byteOffset, message.byteLength), (err) =>
			log.warn({ err, channel: name }, 'a message from another instance could not be used')
		);
	});
	await Promise.all([pub, sub].map((client) => new Promise<void>((resolve) => (client.status === 'ready' ? resolve() : client.once('ready', () => resolve())))));
	return {
		publish(channel, message) {
			pub.publish(PREFIX + channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch((err: unknown) =>
				log.warn({ err, channel }, 'redis publish failed')
			);
		},
		async subscribe(channel, listener) {
			const { first, remove } = subscriptions.add(channel, listener);
			if (first) await sub.subscribe(PREFIX + channel);
			return () => {
				if (remove()) sub.unsubscribe(PREFIX + channel).catch(() => undefined);
			};
		},
		onResume(listener) {
			resumeListeners.add(listener);
			return () => resumeListeners.delete(listener);
		},
		async close() {
			clearInterval(outage);
			outage = undefined;
			sub.removeAllListeners('close');
			sub.disconnect();
			await pub.quit().catch(() => pub.disconnect());
		}
	};
}

/** Instances in one process joined like Redis would join them; `dropNext` loses messages as pub/sub may. */
export function memoryChannelHub() {
	const members = new Set<{ subscriptions: Subscriptions; resumeListeners: Set<() => void> }>();
	let dropping = 0;
	return {
		connect(): Channels {
			const member = { subscriptions: new Subscriptions(), resumeListeners: new Set<() => void>() };
			members.add(member);
			return {
				publish(channel, message) {
					if (dropping > 0) return void dropping--;
					for (const m of members) m.subscriptions.deliver(channel, message);
				},
				async subscribe(channel, listener) {
					return member.subscriptions.add(channel, listener).remove;
				},
				onResume(listener) {
					member.resumeListeners.add(listener);
					return () => member.resumeListeners.delete(listener);
				},
				async close() {
					members.delete(member);
				}
			};
		},
		dropNext(count: number) {
			dropping = count;
		},
		/** What a Redis reconnect signals: messages may have been lost. */
		resume() {
			for (const m of members) for (const listener of m.resumeListeners) listener();
		}
	};
}
