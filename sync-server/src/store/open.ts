// Picks the store backend from configuration: PostgreSQL when DATABASE_URL is set, else SQLite.
import type { ServerConfig } from '../config';
import { openSqliteStore, type SqliteOptions } from './sqlite';
import type { Store } from './types';

export async function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>, sqlite: SqliteOptions = {}): Promise<Store> {
	if (config.databaseUrl) {
		const { openPostgresStore } = await import('./postgres');
		return openPostgresStore(config.databaseUrl);
	}
	return openSqliteStore(config.dataDir, sqlite);
}
