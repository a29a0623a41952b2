// The lease rule after an event-loop stall: with the leases of one process, a late renewal tick stops no
// turn (only a refused renewal does); with a database's, a renewal not made in time still stops it.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { memoryLeases, type MemoryLeaseTable, type TurnLeases } from '../cluster/lease';
import { leaseGate } from './lease-gate';
import { memoryWorkList } from './worklist';

const TTL = 3_000;
let clock = 0;
const now = () => clock;

async function eventually(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((r) => setImmediate(r));
}

/** A gate holding one session, its worker's state, and a second runner on the same lease table. */
async function holding(leases: (table: MemoryLeaseTable) => TurnLeases) {
	const table: MemoryLeaseTable = new Map();
	const work = memoryWorkList();
	const worker = { started: false, closed: false };
	const gate = leaseGate({
		leases: leases(table),
		host: { open: () => Promise.reject(new Error('not used')), onLoad: () => () => {} },
		log: pino({ level: 'silent' }),
		start: () => ((worker.started = true), { resume() {}, close: async () => void (worker.closed = true) }),
		notASession: async () => {},
		now
	});
	gate.loaded('alpha', 'session/s1', new Y.Doc());
	await eventually(() => worker.started);
	const other = memoryLeases(work, { owner: 'other', ttlMs: TTL, now, table });
	return { gate, worker, other };
}

/** The event loop was busy for `ms`: the clock moved on, then the overdue renewal tick runs. */
async function stallThenTick(ms: number): Promise<void> {
	clock += ms;
	vi.advanceTimersByTime(TTL);
	for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('lease gate after a stall', () => {
	beforeEach(() => {
		clock = 0;
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
	});
	afterEach(() => vi.useRealTimers());

	it('keeps the turn of an in-process lease whose renewal tick came late, and renews it', async () => {
		const { gate, worker, other } = await holding((table) => memoryLeases(memoryWorkList(), { owner: 'me', ttlMs: TTL, now, table }));
		await stallThenTick(10 * TTL);
		expect(worker.closed).toBe(false);
		expect(await other.claim('alpha', 'session/s1')).toBeNull();
		await gate.close();
	});

	it('stops the turn when another runner took the in-process lease', async () => {
		const { gate, worker, other } = await holding((table) => memoryLeases(memoryWorkList(), { owner: 'me', ttlMs: TTL, now, table }));
		clock += 2 * TTL;
		expect(await other.claim('alpha', 'session/s1')).not.toBeNull();
		await stallThenTick(0);
		expect(worker.closed).toBe(true);
		await gate.close();
	});

	it('stops the turn when a database lease could not be renewed in time', async () => {
		const { gate, worker } = await holding((table) => ({ ...memoryLeases(memoryWorkList(), { owner: 'me', ttlMs: TTL, now, table }), inProcess: false }));
		await stallThenTick(10 * TTL);
		expect(worker.closed).toBe(true);
		await gate.close();
	});
});
