// The Store on PostgreSQL (DATABASE_URL=postgres://…), for several server instances sharing one
// database. A commit is fsynced by PostgreSQL (synchronous_commit=on) before the promise resolves.
import pg from 'pg';
import { migratePostgres } from './migrations/run-postgres';
import { inTransaction } from './pg-transaction';
import type { PushSubscriptionRecord, Store, TokenRecord, VapidKeys } from './types';

const SELECT_UPDATES = 'SELECT id, seq, data FROM doc_updates WHERE tenant = $1 AND doc = $2 ORDER BY seq';
const SELECT_UPDATES_FOR_COMPACTION = `${SELECT_UPDATES} FOR UPDATE`;
// One statement: bumping the head row locks it until commit, so the document's rows commit in seq order.
const INSERT_UPDATES = `WITH head AS (
	INSERT INTO doc_heads (tenant, doc, seq) VALUES ($1, $2, cardinality($3::bytea[]))
	ON CONFLICT (tenant, doc) DO UPDATE SET seq = doc_heads.seq + cardinality($3::bytea[])
	RETURNING seq)
INSERT INTO doc_updates (tenant, doc, seq, data)
	SELECT $1, $2, head.seq - cardinality($3::bytea[]) + u.n, u.data FROM head, unnest($3::bytea[]) WITH ORDINALITY AS u(data, n)
	RETURNING seq`;
const SELECT_UPDATES_SINCE = 'SELECT seq, data FROM doc_updates WHERE tenant = $1 AND doc = $2 AND seq > $3 ORDER BY seq';
const SELECT_HEAD = 'SELECT seq FROM doc_heads WHERE tenant = $1 AND doc = $2';
const INSERT_UPDATE_WITH_ID = 'INSERT INTO doc_updates (id, tenant, doc, seq, data) VALUES ($1, $2, $3, $4, $5)';
const DELETE_UPDATES_UP_TO = 'DELETE FROM doc_updates WHERE tenant = $1 AND doc = $2 AND seq <= $3';
const COUNT_UPDATES = 'SELECT COUNT(*)::int AS n FROM doc_updates WHERE tenant = $1 AND doc = $2';
const SELECT_TOKEN = 'SELECT * FROM tokens WHERE hash = $1';
const INSERT_TOKEN = `INSERT INTO tokens (hash, tenant, device_id, kind, label, created_at, expires_at, last_used_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const DELETE_UNEXPIRED_CODE = `DELETE FROM tokens WHERE hash = $1 AND kind = 'code'
	AND (expires_at IS NULL OR expires_at > $2) RETURNING *`;
const DELETE_TOKEN = 'DELETE FROM tokens WHERE hash = $1';
const DELETE_DEVICE = "DELETE FROM tokens WHERE tenant = $1 AND device_id = $2 AND kind = 'device' RETURNING *";
const SELECT_DEVICES = "SELECT * FROM tokens WHERE tenant = $1 AND kind = 'device' ORDER BY created_at, device_id";
const COUNT_DEVICES = "SELECT COUNT(*)::int AS n FROM tokens WHERE kind = 'device'";
const TOUCH_TOKEN = 'UPDATE tokens SET last_used_at = $1 WHERE hash = $2';
const DELETE_CODES_LABELLED = "DELETE FROM tokens WHERE kind = 'code' AND label = $1";
const DELETE_EXPIRED_CODES = "DELETE FROM tokens WHERE kind = 'code' AND expires_at IS NOT NULL AND expires_at <= $1";
const INSERT_PENDING = 'INSERT INTO pending_docs (tenant, doc) VALUES ($1, $2) ON CONFLICT DO NOTHING';
const DELETE_PENDING = 'DELETE FROM pending_docs WHERE tenant = $1 AND doc = $2';
const SELECT_PENDING = 'SELECT tenant, doc FROM pending_docs ORDER BY tenant, doc';
const CLAIM_NOTICE = `INSERT INTO notices (name, claimed_at) VALUES ($1, $2)
	ON CONFLICT (name) DO UPDATE SET claimed_at = excluded.claimed_at WHERE notices.claimed_at <= $3 RETURNING name`;
const INSERT_VAPID = 'INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING';
const SELECT_VAPID = 'SELECT public_key AS "publicKey", private_key AS "privateKey" FROM vapid_keys WHERE id = 1';
const PUT_SUBSCRIPTION = `INSERT INTO push_subscriptions (endpoint, tenant, device_id, p256dh, auth, include_text, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7)
	ON CONFLICT (endpoint) DO UPDATE SET device_id = excluded.device_id, p256dh = excluded.p256dh, auth = excluded.auth,
		include_text = excluded.include_text WHERE push_subscriptions.tenant = excluded.tenant`;
const DELETE_SUBSCRIPTION = 'DELETE FROM push_subscriptions WHERE tenant = $1 AND endpoint = $2';
const DELETE_DEVICE_SUBSCRIPTIONS = 'DELETE FROM push_subscriptions WHERE tenant = $1 AND device_id = $2';
const SELECT_SUBSCRIPTIONS = 'SELECT * FROM push_subscriptions WHERE tenant = $1 ORDER BY created_at, endpoint';

interface TokenRow {
	hash: string;
	tenant: string;
	device_id: string;
	kind: TokenRecord['kind'];
	label: string;
	created_at: string;
	expires_at: string | null;
	last_used_at: string | null;
}

interface SubscriptionRow {
	endpoint: string;
	tenant: string;
	device_id: string;
	p256dh: string;
	auth: string;
	include_text: boolean;
	created_at: string;
}

const toSubscription = (row: SubscriptionRow): PushSubscriptionRecord => ({
	endpoint: row.endpoint,
	tenant: row.tenant,
	deviceId: row.device_id,
	p256dh: row.p256dh,
	auth: row.auth,
	includeText: row.include_text,
	createdAt: Number(row.created_at)
});

const num = (v: string | null) => (v === null ? null : Number(v));
const toRecord = (row: TokenRow): TokenRecord => ({
	hash: row.hash,
	tenant: row.tenant,
	deviceId: row.device_id,
	kind: row.kind,
	label: row.label,
	createdAt: Number(row.created_at),
	expiresAt: num(row.expires_at),
	lastUsedAt: num(row.last_used_at)
});
const tokenParams = (t: TokenRecord) => [t.hash, t.tenant, t.deviceId, t.kind, t.label, t.createdAt, t.expiresAt, t.lastUsedAt];
const bytes = (buf: Buffer) => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

/** `schema` isolates a store inside one database (tests use a fresh one each). */
export async function openPostgresStore(url: string, schema?: string): Promise<Store> {
	const pool = new pg.Pool({ connectionString: url, max: 4, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
	if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
	await migratePostgres(pool);

	return {
		kind: 'postgres',
		async loadUpdates(tenant, doc) {
			const { rows } = await pool.query<{ data: Buffer }>(SELECT_UPDATES, [tenant, doc]);
			return rows.map((r) => bytes(r.data));
		},
		async appendUpdates(tenant, doc, updates) {
			const { rows } = await pool.query<{ seq: string }>(INSERT_UPDATES, [tenant, doc, updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))]);
			return rows.reduce((last, r) => Math.max(last, Number(r.seq)), 0);
		},
		async loadSince(tenant, doc, after) {
			// Head first: rows at or below it are committed (they commit in order), so none is missed between the reads.
			const head = Number((await pool.query<{ seq: string }>(SELECT_HEAD, [tenant, doc])).rows[0]?.seq ?? 0);
			const { rows } = await pool.query<{ seq: string; data: Buffer }>(SELECT_UPDATES_SINCE, [tenant, doc, after]);
			return { updates: rows.map((r) => bytes(r.data)), head: rows.reduce((last, r) => Math.max(last, Number(r.seq)), head) };
		},
		async compact(tenant, doc, merge) {
			return inTransaction(pool, async (client) => {
				const { rows } = await client.query<{ id: string; seq: string; data: Buffer }>(SELECT_UPDATES_FOR_COMPACTION, [tenant, doc]);
				if (rows.length < 2) return 0;
				const last = rows[rows.length - 1];
				const merged = merge(rows.map((r) => bytes(r.data)));
				await client.query(DELETE_UPDATES_UP_TO, [tenant, doc, last.seq]);
				// The snapshot keeps the last merged row's id and number, so it still sorts before rows appended later.
				await client.query(INSERT_UPDATE_WITH_ID, [last.id, tenant, doc, last.seq, Buffer.from(merged)]);
				return rows.length;
			});
		},
		async countUpdates(tenant, doc) {
			const { rows } = await pool.query<{ n: number }>(COUNT_UPDATES, [tenant, doc]);
			return rows[0]?.n ?? 0;
		},
		async findToken(hash) {
			const { rows } = await pool.query<TokenRow>(SELECT_TOKEN, [hash]);
			return rows[0] ? toRecord(rows[0]) : null;
		},
		async insertToken(record) {
			await pool.query(INSERT_TOKEN, tokenParams(record));
		},
		async redeemCode(codeHash, device, now) {
			return inTransaction(pool, async (client) => {
				const { rows } = await client.query<TokenRow>(DELETE_UNEXPIRED_CODE, [codeHash, now]);
				if (!rows[0]) return null;
				await client.query(INSERT_TOKEN, tokenParams(device));
				return toRecord(rows[0]);
			});
		},
		async deleteToken(hash) {
			return ((await pool.query(DELETE_TOKEN, [hash])).rowCount ?? 0) > 0;
		},
		async deleteDevice(tenant, deviceId) {
			const { rows } = await pool.query<TokenRow>(DELETE_DEVICE, [tenant, deviceId]);
			return rows[0] ? toRecord(rows[0]) : null;
		},
		async listDevices(tenant) {
			return (await pool.query<TokenRow>(SELECT_DEVICES, [tenant])).rows.map(toRecord);
		},
		async countDevices() {
			return (await pool.query<{ n: number }>(COUNT_DEVICES)).rows[0]?.n ?? 0;
		},
		async touchToken(hash, now) {
			await pool.query(TOUCH_TOKEN, [now, hash]);
		},
		async deleteExpiredCodes(now) {
			return (await pool.query(DELETE_EXPIRED_CODES, [now])).rowCount ?? 0;
		},
		async deleteCodesLabelled(label) {
			return (await pool.query(DELETE_CODES_LABELLED, [label])).rowCount ?? 0;
		},
		async setPending(tenant, doc, pending) {
			await pool.query(pending ? INSERT_PENDING : DELETE_PENDING, [tenant, doc]);
		},
		async listPending() {
			return (await pool.query<{ tenant: string; doc: string }>(SELECT_PENDING)).rows;
		},
		async claimNotice(name, now, ttlMs) {
			return ((await pool.query(CLAIM_NOTICE, [name, now, now - ttlMs])).rowCount ?? 0) > 0;
		},
		async vapidKeys(fresh, now) {
			await pool.query(INSERT_VAPID, [fresh.publicKey, fresh.privateKey, now]);
			return (await pool.query<VapidKeys>(SELECT_VAPID)).rows[0];
		},
		async putPushSubscription(r) {
			const params = [r.endpoint, r.tenant, r.deviceId, r.p256dh, r.auth, r.includeText, r.createdAt];
			return ((await pool.query(PUT_SUBSCRIPTION, params)).rowCount ?? 0) > 0;
		},
		async deletePushSubscription(tenant, endpoint) {
			return ((await pool.query(DELETE_SUBSCRIPTION, [tenant, endpoint])).rowCount ?? 0) > 0;
		},
		async listPushSubscriptions(tenant) {
			return (await pool.query<SubscriptionRow>(SELECT_SUBSCRIPTIONS, [tenant])).rows.map(toSubscription);
		},
		async deleteDeviceSubscriptions(tenant, deviceId) {
			return (await pool.query(DELETE_DEVICE_SUBSCRIPTIONS, [tenant, deviceId])).rowCount ?? 0;
		},
		async close() {
			await pool.end();
		}
	};
}
