// A schema version: applied once, in order, in one transaction with its row in schema_migrations.
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** The versions still to apply, in order; refuses a database newer than this code. */
export function pending(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
	const newest = all[all.length - 1]?.version ?? 0;
	const unknown = [...applied].find((v) => v > newest);
	if (unknown !== undefined) {
		throw new Error(`The database has schema version ${unknown}, newer than this server knows (${newest}): upgrade the server.`);
	}
	return all.filter((m) => !applied.has(m.version));
}
