// The PostgreSQL schema as an ordered list of versions. Append a new version; never edit a shipped one.
// Version 1 is the schema from before versioning (IF NOT EXISTS adopts an existing database).
import type { Migration } from './migration';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'documents, tokens, pending work',
		sql: `
CREATE TABLE IF NOT EXISTS doc_updates (
	id BIGSERIAL PRIMARY KEY,
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (tenant, doc, id);
CREATE TABLE IF NOT EXISTS tokens (
	hash TEXT PRIMARY KEY,
	tenant TEXT NOT NULL,
	device_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('device', 'code')),
	label TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT,
	last_used_at BIGINT
);
CREATE INDEX IF NOT EXISTS tokens_by_tenant ON tokens (tenant, kind, device_id);
CREATE TABLE IF NOT EXISTS pending_docs (
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	PRIMARY KEY (tenant, doc)
);`
	},
	{
		// doc_heads holds each document's last sequence number; appending locks its row, so a document's
		// rows commit in sequence order and another instance can tell a missed update by a gap.
		version: 2,
		name: 'per-document update sequence numbers',
		sql: `
ALTER TABLE doc_updates ADD COLUMN seq BIGINT;
UPDATE doc_updates AS u SET seq = r.n
	FROM (SELECT id, row_number() OVER (PARTITION BY tenant, doc ORDER BY id) AS n FROM doc_updates) AS r
	WHERE u.id = r.id;
ALTER TABLE doc_updates ALTER COLUMN seq SET NOT NULL;
DROP INDEX doc_updates_by_doc;
CREATE UNIQUE INDEX doc_updates_by_seq ON doc_updates (tenant, doc, seq);
CREATE TABLE doc_heads (
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	seq BIGINT NOT NULL,
	PRIMARY KEY (tenant, doc)
);
INSERT INTO doc_heads (tenant, doc, seq) SELECT tenant, doc, MAX(seq) FROM doc_updates GROUP BY tenant, doc;`
	},
	{
		version: 3,
		name: 'turn leases, once-per-deployment notices',
		sql: `
CREATE TABLE turn_leases (
	tenant TEXT NOT NULL,
	doc TEXT NOT NULL,
	owner TEXT NOT NULL,
	generation BIGINT NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (tenant, doc)
);
CREATE TABLE notices (
	name TEXT PRIMARY KEY,
	claimed_at BIGINT NOT NULL
);`
	},
	{
		// Per-tenant limits across instances: a slot per running turn (it lapses if its instance dies) and
		// the start time of each prompt in the rate window.
		version: 4,
		name: 'turn slots and prompt starts per tenant',
		sql: `
CREATE TABLE turn_slots (
	tenant TEXT NOT NULL,
	id TEXT NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (tenant, id)
);
CREATE TABLE prompt_starts (
	tenant TEXT NOT NULL,
	id TEXT NOT NULL,
	started_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (tenant, id)
);
CREATE INDEX prompt_starts_by_time ON prompt_starts (tenant, started_at);`
	},
	{
		version: 5,
		name: 'Web Push: the deployment VAPID keys, subscriptions per device',
		sql: `
CREATE TABLE vapid_keys (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	public_key TEXT NOT NULL,
	private_key TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE TABLE push_subscriptions (
	endpoint TEXT PRIMARY KEY,
	tenant TEXT NOT NULL,
	device_id TEXT NOT NULL,
	p256dh TEXT NOT NULL,
	auth TEXT NOT NULL,
	include_text BOOLEAN NOT NULL DEFAULT false,
	created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_by_tenant ON push_subscriptions (tenant, device_id);`
	}
];
