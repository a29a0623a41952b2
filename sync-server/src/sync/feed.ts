// DocFeed: how a document's durable updates reach the other instances holding it. Each message names
// the document's sequence number of its first update, so a receiver that sees a gap (a message lost to
// a Redis restart or a slow subscriber) reads what it missed from the store's log; overlap is harmless,
// since applying a Yjs update twice changes nothing.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Channels } from '../cluster/channels';
import { docKey } from './host';

export type FeedListener = (first: number, updates: Uint8Array[]) => void;

export interface DocFeed {
	/** Resolves once subscribed: call it before loading the document, so nothing falls in between. */
	subscribe(tenant: string, doc: string, listener: FeedListener): Promise<() => void>;
	/** Tells the other instances about updates already durable, numbered from `first`. */
	publish(tenant: string, doc: string, first: number, updates: Uint8Array[]): void;
	/** Called when messages may have been lost: every subscriber should read the log for what it missed. */
	onResume(listener: () => void): () => void;
}

/** One instance: nobody else to tell. */
export const localFeed: DocFeed = {
	subscribe: async () => () => undefined,
	publish: () => undefined,
	onResume: () => () => undefined
};

const channelOf = (tenant: string, doc: string) => `doc:${docKey(tenant, doc)}`;

/** The feed over pub/sub channels; `instance` tells this instance's own messages apart. */
export function channelFeed(channels: Channels, instance: string): DocFeed {
	return {
		subscribe(tenant, doc, listener) {
			return channels.subscribe(channelOf(tenant, doc), (message) => {
				let decoded: { from: string; first: number; updates: Uint8Array[] };
				try {
					decoded = decodeFeedMessage(message);
				} catch {
					// Not ours (another version, or garbage on the channel): nothing to apply. A real update it
					// stood for is still in the log, and the next message's number shows the gap.
					return;
				}
				if (decoded.from !== instance) listener(decoded.first, decoded.updates);
			});
		},
		publish(tenant, doc, first, updates) {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, instance);
			encoding.writeVarUint(encoder, first);
			encoding.writeVarUint(encoder, updates.length);
			for (const update of updates) encoding.writeVarUint8Array(encoder, update);
			channels.publish(channelOf(tenant, doc), encoding.toUint8Array(encoder));
		},
		onResume: (listener) => channels.onResume(listener)
	};
}

function decodeFeedMessage(message: Uint8Array) {
	const decoder = decoding.createDecoder(message);
	const from = decoding.readVarString(decoder);
	const first = decoding.readVarUint(decoder);
	const updates: Uint8Array[] = [];
	for (let n = decoding.readVarUint(decoder); n > 0; n--) updates.push(decoding.readVarUint8Array(decoder));
	if (decoding.hasContent(decoder) || first < 1) throw new Error('not a feed message');
	return { from, first, updates };
}
