// The store contract every backend keeps: a document is its log of Yjs updates, keyed by (tenant, doc);
// a write's promise resolves only once the write is durable, because callers broadcast after it.
export type TokenKind = 'device' | 'code';

/** A stored credential. Only the SHA-256 hash of the secret is kept. */
export interface TokenRecord {
	hash: string;
	tenant: string;
	/** For a device token, the device it signs in; for a one-time code, the id it will give the device. */
	deviceId: string;
	kind: TokenKind;
	label: string;
	createdAt: number;
	/** One-time codes expire; device tokens do not (null). */
	expiresAt: number | null;
	lastUsedAt: number | null;
}

export interface DocStore {
	/** Every stored update of the document, oldest first (a compacted snapshot counts as one). */
	loadUpdates(tenant: string, doc: string): Promise<Uint8Array[]>;
	/**
	 * Appends the updates in one transaction; resolves once they survive a process kill, with the
	 * sequence number of the last one. A document's rows are numbered 1, 2, 3… without gaps, and a row
	 * is never visible before the rows numbered below it, so a reader can tell when it missed one.
	 */
	appendUpdates(tenant: string, doc: string, updates: Uint8Array[]): Promise<number>;
	/** The rows numbered above `after` (a compacted snapshot counts as its last row's number), and the head. */
	loadSince(tenant: string, doc: string, after: number): Promise<{ updates: Uint8Array[]; head: number }>;
	/**
	 * Replaces the rows present when it starts with `merge(rows)`, atomically; rows appended meanwhile stay.
	 * Returns how many rows were merged.
	 */
	compact(tenant: string, doc: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<number>;
	countUpdates(tenant: string, doc: string): Promise<number>;
}

export interface TokenStore {
	findToken(hash: string): Promise<TokenRecord | null>;
	insertToken(record: TokenRecord): Promise<void>;
	/**
	 * Consumes an unexpired one-time code and stores `device` in the same transaction, so a code
	 * redeems at most once. Returns the consumed code, or null if there was none to consume.
	 */
	redeemCode(codeHash: string, device: TokenRecord, now: number): Promise<TokenRecord | null>;
	/** Deletes a token by hash; returns whether it existed. */
	deleteToken(hash: string): Promise<boolean>;
	/** Deletes the tenant's device token with that device id; returns whether it existed. */
	deleteDevice(tenant: string, deviceId: string): Promise<TokenRecord | null>;
	listDevices(tenant: string): Promise<TokenRecord[]>;
	countDevices(): Promise<number>;
	touchToken(hash: string, now: number): Promise<void>;
	deleteExpiredCodes(now: number): Promise<number>;
	/** Deletes every one-time code with this label (the first-start link once a later one replaces it); returns how many. */
	deleteCodesLabelled(label: string): Promise<number>;
}

/** Documents with an unfinished Claude turn, so a restarted server can resume or close them. */
export interface PendingStore {
	setPending(tenant: string, doc: string, pending: boolean): Promise<void>;
	listPending(): Promise<Array<{ tenant: string; doc: string }>>;
}

/** Things a deployment does once, whichever of its instances gets there first. */
export interface NoticeStore {
	/** True for exactly one caller until `ttlMs` has passed since the last successful claim. */
	claimNotice(name: string, now: number, ttlMs: number): Promise<boolean>;
}

/** The deployment's VAPID key pair (base64url, as web-push makes them). */
export interface VapidKeys {
	publicKey: string;
	privateKey: string;
}

/** A device's Web Push subscription: where to post, the keys to encrypt for, and what it may be shown. */
export interface PushSubscriptionRecord {
	endpoint: string;
	tenant: string;
	deviceId: string;
	p256dh: string;
	auth: string;
	/** The device opted in to message text in notifications (else only the session title). */
	includeText: boolean;
	createdAt: number;
}

export interface PushStore {
	/** The stored key pair; on the first call anywhere, `fresh` is stored and returned (the first instance's pair wins). */
	vapidKeys(fresh: VapidKeys, now: number): Promise<VapidKeys>;
	/** Adds or replaces the subscription with this endpoint; an endpoint another tenant holds is left alone (false). */
	putPushSubscription(record: PushSubscriptionRecord): Promise<boolean>;
	/** Returns whether the tenant had a subscription with this endpoint. */
	deletePushSubscription(tenant: string, endpoint: string): Promise<boolean>;
	listPushSubscriptions(tenant: string): Promise<PushSubscriptionRecord[]>;
	/** Removes a device's subscriptions (it signed out or was revoked); returns how many. */
	deleteDeviceSubscriptions(tenant: string, deviceId: string): Promise<number>;
}

export interface Store extends DocStore, TokenStore, PendingStore, NoticeStore, PushStore {
	/** Which backend this is, for /health and logs. */
	readonly kind: 'sqlite' | 'postgres' | 'memory';
	close(): Promise<void>;
}
