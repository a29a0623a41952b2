// The y-websocket wire format (y-protocols sync + awareness, lib0 varints), decoded into one union so
// the connection handles each kind in one switch; anything malformed is data, never a throw.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export type Incoming =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

export type Decoded = { ok: true; message: Incoming } | { ok: false; reason: 'malformed-message' | 'unknown-message-type' };

export function decodeMessage(data: Uint8Array): Decoded {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_QUERY_AWARENESS) return { ok: true, message: { type: 'query-awareness' } };
		if (type === MESSAGE_AWARENESS) return { ok: true, message: { type: 'awareness', update: decoding.readVarUint8Array(decoder) } };
		if (type !== MESSAGE_SYNC) return { ok: false, reason: 'unknown-message-type' };
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		switch (step) {
			case syncProtocol.messageYjsSyncStep1:
				// Decoding here rejects a garbage state vector before it reaches the document.
				Y.decodeStateVector(payload);
				return { ok: true, message: { type: 'sync-step-1', stateVector: payload } };
			case syncProtocol.messageYjsSyncStep2:
				return { ok: true, message: { type: 'sync-step-2', update: payload } };
			case syncProtocol.messageYjsUpdate:
				return { ok: true, message: { type: 'update', update: payload } };
			default:
				return { ok: false, reason: 'unknown-message-type' };
		}
	} catch {
		return { ok: false, reason: 'malformed-message' };
	}
}

const frame = (write: (encoder: encoding.Encoder) => void) => {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
};

export const encodeSyncStep1 = (doc: Y.Doc) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(e, doc);
	});

export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeSyncStep2(e, doc, stateVector);
	});

export const encodeUpdate = (update: Uint8Array) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeUpdate(e, update);
	});

export const encodeAwareness = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
	frame((e) => {
		encoding.writeVarUint(e, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	});
