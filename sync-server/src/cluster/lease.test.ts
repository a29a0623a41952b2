// The lease contract, for the in-memory leases of one process and PostgreSQL's of a deployment: one
// holder at a time, an expired lease taken with the next generation, the stale holder fenced off, and
// orphaned sessions shared out between runners sweeping at once.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryWorkList, type WorkList } from '../runner/worklist';
import { migratePostgres } from '../store/migrations/run-postgres';
import { memoryLeases, type MemoryLeaseTable, type TurnLeases } from './lease';
import { postgresFileLock, postgresLeases } from './pg-lease';

async function eventuallyTrue(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((r) => setImmediate(r));
}

/** `open(owner, ttlMs)` gives one runner's view; ttl 0 makes its leases expire at once. */
type Open = (owner: string, ttlMs: number) => TurnLeases;

function leaseContract(name: string, setup: () => Promise<{ open: Open; work: WorkList }>) {
	describe(`${name} turn leases`, () => {
		it('gives a session to one runner at a time, and keeps the generation on its own re-claim', async () => {
			const { open } = await setup();
			const [a, b] = [open('a', 60_000), open('b', 60_000)];
			const lease = await a.claim('alpha', 'session/s');
			expect(lease).toMatchObject({ owner: 'a', generation: 1 });
			expect(await b.claim('alpha', 'session/s')).toBeNull();
			expect(await a.claim('alpha', 'session/s')).toMatchObject({ generation: 1 });
			expect(await a.renew(lease!)).toBe(true);
			await a.release(lease!);
			expect(await b.claim('alpha', 'session/s')).toMatchObject({ owner: 'b', generation: 2 });
		});

		it('hands an expired lease on with the next generation, and fences off the old holder', async () => {
			const { open } = await setup();
			const dying = open('dying', 0);
			const stale = (await dying.claim('alpha', 'session/s'))!;
			await new Promise((r) => setImmediate(r));
			const taken = await open('b', 60_000).claim('alpha', 'session/s');
			expect(taken).toMatchObject({ owner: 'b', generation: 2 });
			expect(await dying.renew(stale)).toBe(false);
			await dying.release(stale);
			expect(await open('c', 60_000).claim('alpha', 'session/s')).toBeNull();
		});

		it('shares orphaned sessions with unfinished turns between runners sweeping at once', async () => {
			const { open, work } = await setup();
			const docs = ['session/1', 'session/2', 'session/3', 'session/4'];
			for (const doc of docs) await work.setPending('alpha', doc, true);
			const held = (await open('live', 60_000).claim('alpha', 'session/4'))!;
			const [a, b] = [open('a', 60_000), open('b', 60_000)];
			const [mine, theirs] = await Promise.all([a.claimOrphans(10), b.claimOrphans(10)]);
			const claimed = [...mine, ...theirs].map((l) => l.doc).sort();
			expect(claimed).toEqual(['session/1', 'session/2', 'session/3']);
			expect(await a.claimOrphans(10)).toEqual([]);
			expect(held.owner).toBe('live');
		});
	});
}

leaseContract('memory', async () => {
	const work = memoryWorkList();
	const table: MemoryLeaseTable = new Map();
	return { work, open: (owner, ttlMs) => memoryLeases(work, { owner, ttlMs, table }) };
});

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await new pg.Client({ connectionString: URL, connectionTimeoutMillis: 1000 })
	.connect()
	.then((c) => c.end().then(() => true))
	.catch(() => false);
const schemas: string[] = [];
const pools: pg.Pool[] = [];

if (reachable) {
	leaseContract('postgres', async () => {
		const schema = `lease_test_${process.pid}_${schemas.length}`;
		schemas.push(schema);
		const pool = new pg.Pool({ connectionString: URL, max: 4, options: `-c search_path=${schema}` });
		pools.push(pool);
		await pool.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
		await migratePostgres(pool);
		const work: WorkList = {
			async setPending(tenant, doc) {
				await pool.query('INSERT INTO pending_docs (tenant, doc) VALUES ($1, $2)', [tenant, doc]);
			},
			listPending: async () => []
		};
		return { work, open: (owner, ttlMs) => postgresLeases(pool, owner, ttlMs) };
	});
	describe('postgres file locks', () => {
		it("makes a second instance wait for the first one's save of the same file, not of another", async () => {
			const [a, b] = [0, 1].map(() => {
				const pool = new pg.Pool({ connectionString: URL, max: 2 });
				pools.push(pool);
				return postgresFileLock(pool);
			});
			const order: string[] = [];
			let finishFirst = () => {};
			const first = a('/data/workspaces/t/s/app.ts', async () => {
				order.push('a starts');
				await new Promise<void>((resolve) => (finishFirst = resolve));
				order.push('a ends');
			});
			await eventuallyTrue(() => order.length === 1);
			const other = b('/data/workspaces/t/s/other.ts', async () => order.push('b other'));
			await other;
			const second = b('/data/workspaces/t/s/app.ts', async () => order.push('b same'));
			// b's save of app.ts waits in PostgreSQL for a's lock; a ends only after this check.
			const waiting = async () =>
				(await pools[0].query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rowCount! > 0;
			while (!(await waiting())) await new Promise((r) => setImmediate(r));
			expect(order).toEqual(['a starts', 'b other']);
			finishFirst();
			await Promise.all([first, second]);
			expect(order).toEqual(['a starts', 'b other', 'a ends', 'b same']);
		});
	});

	afterAll(async () => {
		for (const schema of schemas) await pools[0].query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
		await Promise.all(pools.map((p) => p.end()));
	});
}
