// The default Store: one SQLite file under DATA_DIR, written through better-sqlite3 (synchronous).
// WAL with synchronous=NORMAL: a committed transaction is in the WAL file (the OS page cache) before
// the call returns, so it survives the process being killed (SIGKILL). Only a power loss or kernel
// crash may drop the last commits; FULL would fsync each commit to cover that too, at a cost per update.
// Appends arriving within one turn of the event loop share one commit (group-commit.ts).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrateSqlite } from './migrations/run-sqlite';
import { groupCommit, type Append } from './group-commit';
import { startCheckpointer, type Checkpointer, type CheckpointerOptions } from './sqlite-checkpointer';
import type { PushSubscriptionRecord, Store, TokenRecord, VapidKeys } from './types';

export const SQLITE_FILE = 'session-runner.sqlite';

const SELECT_UPDATES = 'SELECT id, seq, data FROM doc_updates WHERE tenant = ? AND doc = ? ORDER BY seq';
const SELECT_UPDATES_SINCE = 'SELECT data FROM doc_updates WHERE tenant = ? AND doc = ? AND seq > ? ORDER BY seq';
const SELECT_HEAD = 'SELECT COALESCE(MAX(seq), 0) AS seq FROM doc_updates WHERE tenant = ? AND doc = ?';
const INSERT_UPDATE = 'INSERT INTO doc_updates (tenant, doc, seq, data) VALUES (?, ?, ?, ?)';
const INSERT_UPDATE_WITH_ID = 'INSERT INTO doc_updates (id, tenant, doc, seq, data) VALUES (?, ?, ?, ?, ?)';
const DELETE_UPDATES_UP_TO = 'DELETE FROM doc_updates WHERE tenant = ? AND doc = ? AND id <= ?';
const COUNT_UPDATES = 'SELECT COUNT(*) AS n FROM doc_updates WHERE tenant = ? AND doc = ?';
const SELECT_TOKEN = 'SELECT * FROM tokens WHERE hash = ?';
const INSERT_TOKEN = `INSERT INTO tokens (hash, tenant, device_id, kind, label, created_at, expires_at, last_used_at)
	VALUES (@hash, @tenant, @deviceId, @kind, @label, @createdAt, @expiresAt, @lastUsedAt)`;
const DELETE_UNEXPIRED_CODE = `DELETE FROM tokens WHERE hash = ? AND kind = 'code'
	AND (expires_at IS NULL OR expires_at > ?) RETURNING *`;
const DELETE_TOKEN = 'DELETE FROM tokens WHERE hash = ?';
const DELETE_DEVICE = "DELETE FROM tokens WHERE tenant = ? AND device_id = ? AND kind = 'device' RETURNING *";
const SELECT_DEVICES = "SELECT * FROM tokens WHERE tenant = ? AND kind = 'device' ORDER BY created_at, device_id";
const COUNT_DEVICES = "SELECT COUNT(*) AS n FROM tokens WHERE kind = 'device'";
const TOUCH_TOKEN = 'UPDATE tokens SET last_used_at = ? WHERE hash = ?';
const DELETE_CODES_LABELLED = "DELETE FROM tokens WHERE kind = 'code' AND label = ?";
const DELETE_EXPIRED_CODES = "DELETE FROM tokens WHERE kind = 'code' AND expires_at IS NOT NULL AND expires_at <= ?";
const INSERT_PENDING = 'INSERT OR IGNORE INTO pending_docs (tenant, doc) VALUES (?, ?)';
const DELETE_PENDING = 'DELETE FROM pending_docs WHERE tenant = ? AND doc = ?';
const SELECT_PENDING = 'SELECT tenant, doc FROM pending_docs ORDER BY tenant, doc';
const CLAIM_NOTICE = `INSERT INTO notices (name, claimed_at) VALUES (?, ?)
	ON CONFLICT (name) DO UPDATE SET claimed_at = excluded.claimed_at WHERE notices.claimed_at <= ? RETURNING name`;
const INSERT_VAPID = 'INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING';
const SELECT_VAPID = 'SELECT public_key AS publicKey, private_key AS privateKey FROM vapid_keys WHERE id = 1';
const PUT_SUBSCRIPTION = `INSERT INTO push_subscriptions (endpoint, tenant, device_id, p256dh, auth, include_text, created_at)
	VALUES (@endpoint, @tenant, @deviceId, @p256dh, @auth, @includeText, @createdAt)
	ON CONFLICT (endpoint) DO UPDATE SET device_id = excluded.device_id, p256dh = excluded.p256dh, auth = excluded.auth,
		include_text = excluded.include_text WHERE push_subscriptions.tenant = excluded.tenant`;
const DELETE_SUBSCRIPTION = 'DELETE FROM push_subscriptions WHERE tenant = ? AND endpoint = ?';
const DELETE_DEVICE_SUBSCRIPTIONS = 'DELETE FROM push_subscriptions WHERE tenant = ? AND device_id = ?';
const SELECT_SUBSCRIPTIONS = 'SELECT * FROM push_subscriptions WHERE tenant = ? ORDER BY created_at, endpoint';

interface TokenRow {
	hash: string;
	tenant: string;
	device_id: string;
	kind: TokenRecord['kind'];
	label: string;
	created_at: number;
	expires_at: number | null;
	last_used_at: number | null;
}

const toRecord = (row: TokenRow): TokenRecord => ({
	hash: row.hash,
	tenant: row.tenant,
	deviceId: row.device_id,
	kind: row.kind,
	label: row.label,
	createdAt: row.created_at,
	expiresAt: row.expires_at,
	lastUsedAt: row.last_used_at
});

interface SubscriptionRow {
	endpoint: string;
	tenant: string;
	device_id: string;
	p256dh: string;
	auth: string;
	include_text: number;
	created_at: number;
}

const toSubscription = (row: SubscriptionRow): PushSubscriptionRecord => ({
	endpoint: row.endpoint,
	tenant: row.tenant,
	deviceId: row.device_id,
	p256dh: row.p256dh,
	auth: row.auth,
	includeText: row.include_text === 1,
	createdAt: row.created_at
});

const bytes = (buf: Buffer) => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

export interface SqliteOptions {
	/** Checkpoint the WAL on a worker thread (sqlite-checkpointer.ts) instead of on the committing one. */
	checkpoints?: CheckpointerOptions;
}

/** Opens (creating if needed) the SQLite store in `dataDir`, or a private in-memory one for ':memory:'. */
export function openSqliteStore(dataDir: string, options: SqliteOptions = {}): Store {
	let file = ':memory:';
	if (dataDir !== ':memory:') {
		mkdirSync(dataDir, { recursive: true });
		file = join(dataDir, SQLITE_FILE);
	}
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	migrateSqlite(db);
	let checkpointer: Checkpointer | undefined;
	if (options.checkpoints && file !== ':memory:') {
		db.pragma('wal_autocheckpoint = 0');
		const { onFailure } = options.checkpoints;
		checkpointer = startCheckpointer(file, {
			...options.checkpoints,
			// A worker that cannot checkpoint must not leave the WAL growing: SQLite's own checkpoint takes over.
			onFailure: (message) => {
				if (db.open) db.pragma('wal_autocheckpoint = 1000');
				onFailure(message);
			}
		});
	}

	const q = {
		selectUpdates: db.prepare<[string, string], { id: number; seq: number; data: Buffer }>(SELECT_UPDATES),
		selectUpdatesSince: db.prepare<[string, string, number], { data: Buffer }>(SELECT_UPDATES_SINCE),
		selectHead: db.prepare<[string, string], { seq: number }>(SELECT_HEAD),
		insertUpdate: db.prepare(INSERT_UPDATE),
		insertUpdateWithId: db.prepare(INSERT_UPDATE_WITH_ID),
		deleteUpTo: db.prepare(DELETE_UPDATES_UP_TO),
		countUpdates: db.prepare<[string, string], { n: number }>(COUNT_UPDATES),
		selectToken: db.prepare<[string], TokenRow>(SELECT_TOKEN),
		insertToken: db.prepare(INSERT_TOKEN),
		deleteCode: db.prepare<[string, number], TokenRow>(DELETE_UNEXPIRED_CODE),
		deleteToken: db.prepare(DELETE_TOKEN),
		deleteDevice: db.prepare<[string, string], TokenRow>(DELETE_DEVICE),
		selectDevices: db.prepare<[string], TokenRow>(SELECT_DEVICES),
		countDevices: db.prepare<[], { n: number }>(COUNT_DEVICES),
		touchToken: db.prepare(TOUCH_TOKEN),
		deleteExpiredCodes: db.prepare(DELETE_EXPIRED_CODES),
		deleteCodesLabelled: db.prepare(DELETE_CODES_LABELLED),
		insertPending: db.prepare(INSERT_PENDING),
		deletePending: db.prepare(DELETE_PENDING),
		selectPending: db.prepare<[], { tenant: string; doc: string }>(SELECT_PENDING),
		claimNotice: db.prepare<[string, number, number], { name: string }>(CLAIM_NOTICE),
		insertVapid: db.prepare(INSERT_VAPID),
		selectVapid: db.prepare<[], VapidKeys>(SELECT_VAPID),
		putSubscription: db.prepare(PUT_SUBSCRIPTION),
		deleteSubscription: db.prepare(DELETE_SUBSCRIPTION),
		deleteDeviceSubscriptions: db.prepare(DELETE_DEVICE_SUBSCRIPTIONS),
		selectSubscriptions: db.prepare<[string], SubscriptionRow>(SELECT_SUBSCRIPTIONS)
	};

	const appendBatch = db.transaction((batch: Append[]) =>
		batch.map(({ tenant, doc, updates }) => {
			let seq = q.selectHead.get(tenant, doc)?.seq ?? 0;
			for (const update of updates) q.insertUpdate.run(tenant, doc, ++seq, update);
			return seq;
		})
	);
	// Document updates and compactions are what grow the WAL: each tells the checkpointer.
	const appends = groupCommit((batch: Append[]) => {
		const heads = appendBatch(batch);
		checkpointer?.wrote();
		return heads;
	});
	const loadSince = db.transaction((tenant: string, doc: string, after: number) => ({
		updates: q.selectUpdatesSince.all(tenant, doc, after).map((r) => bytes(r.data)),
		head: q.selectHead.get(tenant, doc)?.seq ?? 0
	}));
	const compact = db.transaction((tenant: string, doc: string, merge: (u: Uint8Array[]) => Uint8Array) => {
		const rows = q.selectUpdates.all(tenant, doc);
		if (rows.length < 2) return 0;
		const last = rows[rows.length - 1];
		const merged = merge(rows.map((r) => bytes(r.data)));
		q.deleteUpTo.run(tenant, doc, last.id);
		// The snapshot takes the last merged row's id and number, so it still sorts before rows appended later.
		q.insertUpdateWithId.run(last.id, tenant, doc, last.seq, merged);
		return rows.length;
	});
	const redeem = db.transaction((codeHash: string, device: TokenRecord, now: number) => {
		const code = q.deleteCode.get(codeHash, now);
		if (!code) return null;
		q.insertToken.run(device);
		return toRecord(code);
	});

	return {
		kind: 'sqlite',
		async loadUpdates(tenant, doc) {
			return q.selectUpdates.all(tenant, doc).map((r) => bytes(r.data));
		},
		appendUpdates(tenant, doc, updates) {
			return appends.append({ tenant, doc, updates });
		},
		async loadSince(tenant, doc, after) {
			return loadSince(tenant, doc, after);
		},
		async compact(tenant, doc, merge) {
			const merged = compact(tenant, doc, merge);
			if (merged > 0) checkpointer?.wrote();
			return merged;
		},
		async countUpdates(tenant, doc) {
			return q.countUpdates.get(tenant, doc)?.n ?? 0;
		},
		async findToken(hash) {
			const row = q.selectToken.get(hash);
			return row ? toRecord(row) : null;
		},
		async insertToken(record) {
			q.insertToken.run(record);
		},
		async redeemCode(codeHash, device, now) {
			return redeem(codeHash, device, now);
		},
		async deleteToken(hash) {
			return q.deleteToken.run(hash).changes > 0;
		},
		async deleteDevice(tenant, deviceId) {
			const row = q.deleteDevice.get(tenant, deviceId);
			return row ? toRecord(row) : null;
		},
		async listDevices(tenant) {
			return q.selectDevices.all(tenant).map(toRecord);
		},
		async countDevices() {
			return q.countDevices.get()?.n ?? 0;
		},
		async touchToken(hash, now) {
			q.touchToken.run(now, hash);
		},
		async deleteExpiredCodes(now) {
			return q.deleteExpiredCodes.run(now).changes;
		},
		async deleteCodesLabelled(label) {
			return q.deleteCodesLabelled.run(label).changes;
		},
		async setPending(tenant, doc, pending) {
			if (pending) q.insertPending.run(tenant, doc);
			else q.deletePending.run(tenant, doc);
		},
		async listPending() {
			return q.selectPending.all();
		},
		async claimNotice(name, now, ttlMs) {
			return q.claimNotice.get(name, now, now - ttlMs) !== undefined;
		},
		async vapidKeys(fresh, now) {
			q.insertVapid.run(fresh.publicKey, fresh.privateKey, now);
			return q.selectVapid.get()!;
		},
		async putPushSubscription(record) {
			return q.putSubscription.run({ ...record, includeText: record.includeText ? 1 : 0 }).changes > 0;
		},
		async deletePushSubscription(tenant, endpoint) {
			return q.deleteSubscription.run(tenant, endpoint).changes > 0;
		},
		async listPushSubscriptions(tenant) {
			return q.selectSubscriptions.all(tenant).map(toSubscription);
		},
		async deleteDeviceSubscriptions(tenant, deviceId) {
			return q.deleteDeviceSubscriptions.run(tenant, deviceId).changes;
		},
		async close() {
			if (!db.open) return;
			appends.flush();
			await checkpointer?.stop();
			db.close();
		}
	};
}
