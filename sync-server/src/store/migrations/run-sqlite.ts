// Brings a SQLite file to the newest schema. BEGIN IMMEDIATE takes the write lock first, so two
// processes opening the same file apply each version once.
import type Database from 'better-sqlite3';
import { pending, type Migration } from './migration';
import { SQLITE_MIGRATIONS } from './sqlite';

export function migrateSqlite(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): number[] {
	const run = db.transaction(() => {
		db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
		const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
		const todo = pending(migrations, applied);
		const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
		for (const migration of todo) {
			db.exec(migration.sql);
			record.run(migration.version, migration.name, Date.now());
		}
		return todo.map((m) => m.version);
	});
	return run.immediate();
}
