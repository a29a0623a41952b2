// Tells listeners in this tab which rows its own writes put or deleted, through a Dexie middleware, so a
// derived structure (the search index) follows the tables without polling. It sees only this tab's writes:
// a listener catches up on the rest by other means (search compares the mirror's state vectors).
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

export type TableChange =
	| { table: string; type: 'put'; values: readonly unknown[] }
	| { table: string; type: 'delete'; keys: readonly unknown[] }
	/** A write whose rows are not known here (a range delete, a partial update): re-read what matters. */
	| { table: string; type: 'unknown' };

export interface ChangeFeed {
	readonly middleware: Middleware<DBCore>;
	subscribe(listener: (change: TableChange) => void): () => void;
}

function describe(table: string, request: DBCoreMutateRequest): TableChange {
	if ((request.type === 'put' || request.type === 'add') && request.values.length > 0 && !('updates' in request && request.updates)) {
		return { table, type: 'put', values: request.values };
	}
	if (request.type === 'delete') return { table, type: 'delete', keys: request.keys };
	return { table, type: 'unknown' };
}

export function createChangeFeed(tables: readonly string[]): ChangeFeed {
	const listeners = new Set<(change: TableChange) => void>();
	const watched = new Set(tables);
	return {
		middleware: {
			stack: 'dbcore',
			name: 'change-feed',
			create: (down) => ({
				...down,
				table(name) {
					const table = down.table(name);
					if (!watched.has(name)) return table;
					return {
						...table,
						async mutate(request) {
							const response = await table.mutate(request);
							if (listeners.size > 0) {
								const change = describe(name, request);
								for (const listener of listeners) listener(change);
							}
							return response;
						}
					};
				}
			})
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};
}
