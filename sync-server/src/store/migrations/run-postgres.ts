// Brings a PostgreSQL database to the newest schema. Every instance of a deployment calls this at start;
// an advisory lock makes them take turns, so each version is applied once, in its own transaction.
import type pg from 'pg';
import { pending, type Migration } from './migration';
import { POSTGRES_MIGRATIONS } from './postgres';

/** Any fixed 64-bit number, the same in every instance: "session-runner migrations". */
const MIGRATION_LOCK = 0x5e55_1014n;

export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
		await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
		const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
		const todo = pending(migrations, new Set(rows.map((r) => r.version)));
		for (const migration of todo) {
			await client.query('BEGIN');
			try {
				await client.query(migration.sql);
				await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw new Error(`Schema migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
			}
		}
		return todo.map((m) => m.version);
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
		client.release();
	}
}
