// TurnLeases in PostgreSQL, so every instance of a deployment agrees on one holder per session.
// Expiry uses the database's clock (now()), never an instance's, so clock skew between instances
// cannot make two holders. Orphans are claimed with FOR UPDATE SKIP LOCKED: instances sweeping at the
// same moment each take different sessions instead of waiting on one another. File saves on the shared
// workspaces volume take an advisory lock keyed by the file's path, so two instances never interleave one.
import type pg from 'pg';
import type { Lease, TurnLeases } from './lease';

const TTL = "($4::bigint * interval '1 millisecond')";

// A live lease of another owner is left alone (no row returned); this owner's live lease keeps its generation.
const CLAIM = `INSERT INTO turn_leases AS l (tenant, doc, owner, generation, expires_at)
	VALUES ($1, $2, $3, 1, now() + ${TTL})
	ON CONFLICT (tenant, doc) DO UPDATE SET
		owner = excluded.owner,
		expires_at = excluded.expires_at,
		generation = CASE WHEN l.owner = excluded.owner AND l.expires_at >= now() THEN l.generation ELSE l.generation + 1 END
	WHERE l.expires_at < now() OR l.owner = excluded.owner
	RETURNING generation`;

const RENEW = `UPDATE turn_leases SET expires_at = now() + ${TTL}
	WHERE tenant = $1 AND doc = $2 AND owner = $3 AND generation = $5`;

const RELEASE = `UPDATE turn_leases SET expires_at = now() - interval '1 millisecond'
	WHERE tenant = $1 AND doc = $2 AND owner = $3 AND generation = $4`;

const CLAIM_ORPHANS = `WITH orphan AS (
		SELECT p.tenant, p.doc FROM pending_docs AS p
		LEFT JOIN turn_leases AS held ON held.tenant = p.tenant AND held.doc = p.doc
		WHERE held.tenant IS NULL OR held.expires_at < now()
		ORDER BY p.tenant, p.doc
		LIMIT $2
		FOR UPDATE OF p SKIP LOCKED)
	INSERT INTO turn_leases AS l (tenant, doc, owner, generation, expires_at)
		SELECT tenant, doc, $1, 1, now() + ($3::bigint * interval '1 millisecond') FROM orphan
	ON CONFLICT (tenant, doc) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, generation = l.generation + 1
		WHERE l.expires_at < now()
	RETURNING tenant, doc, generation`;

export function postgresLeases(pool: pg.Pool, owner: string, ttlMs: number): TurnLeases {
	return {
		owner,
		ttlMs,
		inProcess: false,
		async claim(tenant, doc) {
			const { rows } = await pool.query<{ generation: string }>(CLAIM, [tenant, doc, owner, ttlMs]);
			return rows[0] ? { tenant, doc, owner, generation: Number(rows[0].generation) } : null;
		},
		async renew(lease) {
			const result = await pool.query(RENEW, [lease.tenant, lease.doc, lease.owner, ttlMs, lease.generation]);
			return (result.rowCount ?? 0) > 0;
		},
		async release(lease) {
			await pool.query(RELEASE, [lease.tenant, lease.doc, lease.owner, lease.generation]);
		},
		async claimOrphans(limit) {
			const { rows } = await pool.query<{ tenant: string; doc: string; generation: string }>(CLAIM_ORPHANS, [owner, limit, ttlMs]);
			return rows.map((r): Lease => ({ tenant: r.tenant, doc: r.doc, owner, generation: Number(r.generation) }));
		}
	};
}

/** A lock per file path that every instance on this database sees: a session-level advisory lock on the path's hash. */
export function postgresFileLock(pool: pg.Pool) {
	return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
		const client = await pool.connect();
		try {
			await client.query('SELECT pg_advisory_lock(hashtextextended($1, 1014))', [key]);
			try {
				return await fn();
			} finally {
				await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 1014))', [key]);
			}
		} finally {
			client.release();
		}
	};
}
