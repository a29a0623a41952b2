// Schema versions: an old database is brought forward keeping its data, each version runs once even
// when several instances start together, and a database newer than the code is refused.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore } from '../postgres';
import { openSqliteStore } from '../sqlite';
import { pending } from './migration';
import { migratePostgres } from './run-postgres';
import { migrateSqlite } from './run-sqlite';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const update = (text: string) => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
};

describe('schema versions', () => {
	it('refuses a database newer than the code', () => {
		expect(() => pending(SQLITE_MIGRATIONS, new Set([1, 99]))).toThrow(/version 99, newer than this server knows/);
		expect(pending(SQLITE_MIGRATIONS, new Set([1])).map((m) => m.version)).toEqual([2, 3]);
	});

	it('brings a SQLite file from before versioning forward, keeping its documents', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
		const db = new Database(join(dir, 'session-runner.sqlite'));
		db.exec(SQLITE_MIGRATIONS[0].sql);
		const insert = db.prepare('INSERT INTO doc_updates (tenant, doc, data) VALUES (?, ?, ?)');
		const [a, b] = [update('a'), update('b')];
		for (const row of [a, b]) insert.run('alpha', 'index', row);
		insert.run('beta', 'index', update('c'));
		db.close();

		const store = openSqliteStore(dir);
		expect(await store.loadSince('alpha', 'index', 1)).toEqual({ updates: [b], head: 2 });
		expect(await store.appendUpdates('beta', 'index', [update('d')])).toBe(2);
		await store.close();
		const again = new Database(join(dir, 'session-runner.sqlite'));
		expect(migrateSqlite(again)).toEqual([]);
		again.close();
	});
});

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `migrate_test_${process.pid}`;
const reachable = await new pg.Client({ connectionString: URL, connectionTimeoutMillis: 1000 })
	.connect()
	.then((c) => c.end().then(() => true))
	.catch(() => false);

describe.runIf(reachable)('PostgreSQL schema versions', () => {
	const pools: pg.Pool[] = [];
	const pool = () => {
		const p = new pg.Pool({ connectionString: URL, max: 2, options: `-c search_path=${schema}` });
		pools.push(p);
		return p;
	};
	afterAll(async () => {
		await pools[0]?.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
		await Promise.all(pools.map((p) => p.end()));
	});

	it("brings a database from before versioning forward, numbering each document's rows", async () => {
		const old = `${schema}_old`;
		const p = new pg.Pool({ connectionString: URL, max: 2, options: `-c search_path=${old}` });
		await p.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(old)} CASCADE; CREATE SCHEMA ${pg.escapeIdentifier(old)}`);
		await p.query(POSTGRES_MIGRATIONS[0].sql);
		const [a, b, c] = [update('a'), update('b'), update('c')];
		for (const [doc, data] of [['index', a], ['session/x', c], ['index', b]] as const) {
			await p.query('INSERT INTO doc_updates (tenant, doc, data) VALUES ($1, $2, $3)', ['alpha', doc, Buffer.from(data)]);
		}
		// Version 1 is recorded too: its IF NOT EXISTS adopts the tables that are there.
		expect(await migratePostgres(p)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
		const store = await openPostgresStore(URL, old);
		expect(await store.loadSince('alpha', 'index', 1)).toEqual({ updates: [b], head: 2 });
		expect(await store.appendUpdates('alpha', 'session/x', [a])).toBe(2);
		await store.close();
		await p.query(`DROP SCHEMA ${pg.escapeIdentifier(old)} CASCADE`);
		await p.end();
	});

	it('applies each version once when three instances start together', async () => {
		await pool().query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
		const applied = await Promise.all([migratePostgres(pool()), migratePostgres(pool()), migratePostgres(pool())]);
		expect(applied.flat().sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
		const { rows } = await pools[0].query('SELECT version FROM schema_migrations ORDER BY version');
		expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
	});
});
