// A client process of the cluster bench: pairs of devices (A writes, B reads) on the documents and
// instances its parent names, and a burst of updates when told. They are load generators that speak the
// y-websocket protocol: A sends real Yjs updates, encoded before the burst, one per turn of its event
// loop; B reads from each update the server sends it how far A's changes have reached (an instance may
// merge several into one frame). A full Yjs client applying every update costs
// about as much CPU as the server does (bench/cluster.ts records both), so on this machine's two shared
// cores full clients would measure themselves; in a deployment the devices run elsewhere.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export interface PairSpec {
	name: string;
	/** Sync URLs of the instances A and B are connected to. */
	a: string;
	b: string;
	/** Both devices' token: a document's devices share its tenant. */
	token: string;
}

export type ToDevices = { type: 'open'; pairs: PairSpec[]; bursts: number; updates: number } | { type: 'burst' } | { type: 'close' };
export type FromDevices = { type: 'ready' } | { type: 'done'; cpuMs: number };

const MESSAGE_SYNC = 0;
const send = (message: FromDevices) => process.send!(message);

interface Pair {
	writer: WebSocket;
	reader: WebSocket;
	bursts: Burst[];
	/** How far the reader has A's changes (A's clock), and a wake-up for the burst waiting on it. */
	received: number;
	onReceived?: () => void;
}

interface Burst {
	/** Encoded frames, each update following the one before. */
	frames: Uint8Array[];
	/** A's clock once the burst's last update is applied. */
	clock: number;
}

function open(url: string, name: string, token: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${url}/${name}?token=${token}`);
		ws.binaryType = 'nodebuffer';
		// Open once the server greets it (sync step 1): the document is loaded and the socket one of its peers.
		ws.once('message', () => resolve(ws));
		ws.once('error', reject);
		ws.once('close', (code) => reject(new Error(`socket to ${name} closed (${code})`)));
	});
}

/** The frames of `bursts` × `updates` pushes onto an array, as a device making them would send them. */
function encodeBursts(doc: Y.Doc, bursts: number, updates: number): Burst[] {
	let frames: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeUpdate(encoder, update);
		frames.push(encoding.toUint8Array(encoder));
	});
	const all: Burst[] = [];
	for (let b = 0; b < bursts; b++) {
		frames = [];
		for (let n = 0; n < updates; n++) doc.getArray<number>('burst').push([n]);
		all.push({ frames, clock: Y.getState(doc.store, doc.clientID) });
	}
	return all;
}

/** The writer's clock an update frame brings the reader to, read from the update's structs without applying it. */
function clockIn(data: Buffer, writer: number): number {
	const decoder = decoding.createDecoder(data);
	if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return 0;
	const step = decoding.readVarUint(decoder);
	if (step !== syncProtocol.messageYjsUpdate && step !== syncProtocol.messageYjsSyncStep2) return 0;
	return Y.parseUpdateMeta(decoding.readVarUint8Array(decoder)).to.get(writer) ?? 0;
}

async function openPair({ name, a, b, token }: PairSpec, bursts: number, updates: number): Promise<Pair> {
	const [writer, reader] = await Promise.all([open(a, name, token), open(b, name, token)]);
	const doc = new Y.Doc();
	const pair: Pair = { writer, reader, bursts: encodeBursts(doc, bursts, updates), received: 0 };
	reader.on('message', (data: Buffer) => {
		pair.received = Math.max(pair.received, clockIn(data, doc.clientID));
		pair.onReceived?.();
	});
	return pair;
}

/** Every writer sends its burst's updates as fast as its turn comes round; done once every reader has them all. */
async function burst(pairs: Pair[], index: number): Promise<void> {
	await Promise.all(
		pairs.map(async (pair) => {
			const { frames, clock: want } = pair.bursts[index];
			const arrived = new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`a reader got ${pair.received} of ${want} updates`)), 120_000);
				pair.onReceived = () => pair.received >= want && (clearTimeout(timer), resolve());
			});
			for (const frame of frames) {
				pair.writer.send(frame);
				await new Promise((r) => setImmediate(r));
			}
			await arrived;
		})
	);
}

let pairs: Pair[] = [];
let bursts = 0;
process.on('message', (message: ToDevices) => {
	if (message.type === 'open') {
		void Promise.all(message.pairs.map((spec) => openPair(spec, message.bursts, message.updates))).then((opened) => {
			pairs = opened;
			send({ type: 'ready' });
		});
	} else if (message.type === 'burst') {
		const before = process.cpuUsage();
		void burst(pairs, bursts++).then(() => {
			const used = process.cpuUsage(before);
			send({ type: 'done', cpuMs: (used.user + used.system) / 1000 });
		});
	} else {
		for (const { writer, reader } of pairs) (writer.close(), reader.close());
		process.exit(0);
	}
});
