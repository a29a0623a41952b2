// Per-tenant limits shared by instances through PostgreSQL: a turn running on one instance counts on
// another, its release wakes prompts waiting elsewhere, the prompt rate is counted across instances, and
// a dead instance's turns stop counting once their slots lapse.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../store/migrations/run-postgres';
import { postgresLimits } from './pg-limits';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await new pg.Client({ connectionString: URL, connectionTimeoutMillis: 1000 })
	.connect()
	.then((c) => c.end().then(() => true))
	.catch(() => false);

describe.runIf(reachable)('turn limits across instances', () => {
	const schema = `limits_test_${process.pid}`;
	const pool = new pg.Pool({ connectionString: URL, max: 4, options: `-c search_path=${schema}` });
	afterAll(async () => {
		await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
		await pool.end();
	});

	/** Two instances, joined for release announcements as Redis would join them. */
	async function instances(limits: { concurrentTurns: number; promptsPerMinute: number }, slotTtlMs = 60_000, poolOfA = pool) {
		await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
		await migratePostgres(pool);
		await pool.query('TRUNCATE turn_slots, prompt_starts');
		const heard = new Set<() => void>();
		const make = (ttl: number, on = pool) =>
			postgresLimits({
				pool: on,
				limits: { ...limits, windowMs: 60_000 },
				slotTtlMs: ttl,
				announce: () => heard.forEach((l) => l()),
				onReleased: (l) => (heard.add(l), () => heard.delete(l)),
				onError: () => undefined
			});
		return { a: make(slotTtlMs, poolOfA), b: make(60_000) };
	}

	it("counts one instance's running turn on the other, and wakes the other's waiting prompt on release", async () => {
		const { a, b } = await instances({ concurrentTurns: 1, promptsPerMinute: 100 });
		const first = await a.tryStart('alpha');
		expect(first.ok).toBe(true);
		expect(await b.tryStart('alpha')).toMatchObject({ ok: false, reason: expect.stringMatching(/1 other turn is running/) });
		expect((await b.tryStart('beta')).ok).toBe(true);
		const woken = new Promise<void>((resolve) => b.onRelease(resolve));
		if (first.ok) first.release();
		await woken;
		expect((await b.tryStart('alpha')).ok).toBe(true);
	});

	it('counts prompts per minute across instances and says when the next may start', async () => {
		const { a, b } = await instances({ concurrentTurns: 10, promptsPerMinute: 2 });
		for (const limits of [a, b]) {
			const turn = await limits.tryStart('alpha');
			if (turn.ok) turn.release();
		}
		const refused = await a.tryStart('alpha');
		expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/2 prompts per minute.*about (59|60) s/) });
		if (!refused.ok) expect(refused.retryAt! - Date.now()).toBeGreaterThan(55_000);
	});

	it("stops counting a dead instance's turn once its slot lapses", async () => {
		const dying = new pg.Pool({ connectionString: URL, max: 1, options: `-c search_path=${schema}` });
		const { a, b } = await instances({ concurrentTurns: 1, promptsPerMinute: 100 }, 300, dying);
		const orphan = await a.tryStart('alpha');
		expect(orphan.ok).toBe(true);
		await dying.end();
		expect((await b.tryStart('alpha')).ok).toBe(false);
		let taken = await b.tryStart('alpha');
		while (!taken.ok) {
			await new Promise((r) => setTimeout(r, 100));
			taken = await b.tryStart('alpha');
		}
		taken.release();
		if (orphan.ok) orphan.release();
	});
});
