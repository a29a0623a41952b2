// A client process of the cluster bench: y-websocket devices in pairs (A writes, B reads) on the
// documents and instances its parent names, and a burst of updates when told. The bench runs several,
// so that one Node event loop on the client side is not what the throughput figures measure.
import { arrival, benchDevice, inBatches, whenSynced, type BenchDevice } from './device';

export interface PairSpec {
	name: string;
	/** Sync URLs of the instances A and B are connected to. */
	a: string;
	b: string;
}

export type ToDevices = { type: 'open'; pairs: PairSpec[]; token: string } | { type: 'burst'; updates: number } | { type: 'close' };
export type FromDevices = { type: 'ready' } | { type: 'done'; cpuMs: number };

const send = (message: FromDevices) => process.send!(message);
// Sixty providers each listen for the process's exit.
process.setMaxListeners(0);
let pairs: Array<{ a: BenchDevice; b: BenchDevice }> = [];

/** Every writer pushes its updates as fast as it can; done once every reader has them all. */
async function burst(updates: number): Promise<void> {
	await Promise.all(
		pairs.map(async ({ a, b }) => {
			const array = a.doc.getArray<number>('burst');
			const want = array.length + updates;
			const arrived = arrival(b.doc, () => b.doc.getArray('burst').length === want, 120_000);
			for (let n = 0; n < updates; n++) {
				array.push([n]);
				await new Promise((r) => setImmediate(r));
			}
			await arrived;
		})
	);
}

process.on('message', (message: ToDevices) => {
	if (message.type === 'open') {
		void inBatches(message.pairs, 10, async ({ name, a, b }) => {
			const pair = { a: benchDevice(a, name, { token: message.token }), b: benchDevice(b, name, { token: message.token }) };
			await Promise.all([whenSynced(pair.a.provider), whenSynced(pair.b.provider)]);
			return pair;
		}).then((opened) => {
			pairs = opened;
			send({ type: 'ready' });
		});
	} else if (message.type === 'burst') {
		const before = process.cpuUsage();
		void burst(message.updates).then(() => {
			const used = process.cpuUsage(before);
			send({ type: 'done', cpuMs: (used.user + used.system) / 1000 });
		});
	} else {
		for (const { a, b } of pairs) (a.destroy(), b.destroy());
		process.exit(0);
	}
});
