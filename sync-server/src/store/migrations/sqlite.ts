// The SQLite schema as an ordered list of versions. Append a new version; never edit a shipped one.
// Version 1 is the schema from before versioning (IF NOT EXISTS adopts an existing file).
import type { Migration } from './migration';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'documents, tokens, pending work',
		sql: `
CREATE TABLE IF NOT EXISTS doc_updates (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (tenant, doc, id);
CREATE TABLE IF NOT EXISTS tokens (
	hash TEXT PRIMARY KEY,
	tenant TEXT NOT NULL,
	device_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('device', 'code')),
	label TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER,
	last_used_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_by_tenant ON tokens (tenant, kind, device_id);
CREATE TABLE IF NOT EXISTS pending_docs (
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	PRIMARY KEY (tenant, doc)
);`
	},
	{
		version: 2,
		name: 'per-document update sequence numbers, once-per-deployment notices',
		sql: `
ALTER TABLE doc_updates ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE doc_updates SET seq = (SELECT COUNT(*) FROM doc_updates AS earlier
	WHERE earlier.tenant = doc_updates.tenant AND earlier.doc = doc_updates.doc AND earlier.id <= doc_updates.id);
DROP INDEX doc_updates_by_doc;
CREATE UNIQUE INDEX doc_updates_by_seq ON doc_updates (tenant, doc, seq);
CREATE TABLE notices (
	name TEXT PRIMARY KEY,
	claimed_at INTEGER NOT NULL
);`
	},
	{
		version: 3,
		name: 'Web Push: the deployment VAPID keys, subscriptions per device',
		sql: `
CREATE TABLE vapid_keys (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	public_key TEXT NOT NULL,
	private_key TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE push_subscriptions (
	endpoint TEXT PRIMARY KEY,
	tenant TEXT NOT NULL,
	device_id TEXT NOT NULL,
	p256dh TEXT NOT NULL,
	auth TEXT NOT NULL,
	include_text INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_by_tenant ON push_subscriptions (tenant, device_id);`
	}
];
