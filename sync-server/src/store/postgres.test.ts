// Runs the store contract against the local PostgreSQL when it is reachable (skipped otherwise).
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { storeContract } from './contract.test-suite';
import { openPostgresStore } from './postgres';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

async function reachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 1000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}

if (await reachable()) {
	storeContract('postgres', async () => {
		const schema = `store_test_${process.pid}_${schemas.length}`;
		schemas.push(schema);
		return openPostgresStore(URL, schema);
	});
	afterAll(async () => {
		const client = new pg.Client(URL);
		await client.connect();
		for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
		await client.end();
	});
} else {
	describe.skip('postgres store (no PostgreSQL at 127.0.0.1:5432)', () => it('needs PostgreSQL', () => {}));
}
