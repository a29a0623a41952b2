// An in-memory Store for unit tests: the same contract as SQLite, durable only as long as the process.
import type { PushSubscriptionRecord, Store, TokenRecord, VapidKeys } from './types';
import { docKey } from '../sync/host';


export function createMemoryStore(): Store {
	/** Each document's rows with their sequence numbers; a snapshot takes its last row's number. */
	const docs = new Map<string, Array<{ seq: number; data: Uint8Array }>>();
	const notices = new Map<string, number>();
	const rowsOf = (tenant: string, doc: string) => docs.get(docKey(tenant, doc)) ?? [];
	const headOf = (rows: Array<{ seq: number }>) => rows[rows.length - 1]?.seq ?? 0;
	const tokens = new Map<string, TokenRecord>();
	const pending = new Map<string, { tenant: string; doc: string }>();
	let vapid: VapidKeys | undefined;
	const subscriptions = new Map<string, PushSubscriptionRecord>();
	const devices = () => [...tokens.values()].filter((t) => t.kind === 'device');

	return {
		kind: 'memory',
		async loadUpdates(tenant, doc) {
			return rowsOf(tenant, doc).map((r) => r.data);
		},
		async appendUpdates(tenant, doc, updates) {
			const rows = rowsOf(tenant, doc);
			let seq = headOf(rows);
			docs.set(docKey(tenant, doc), [...rows, ...updates.map((data) => ({ seq: ++seq, data }))]);
			return seq;
		},
		async loadSince(tenant, doc, after) {
			const rows = rowsOf(tenant, doc);
			return { updates: rows.filter((r) => r.seq > after).map((r) => r.data), head: headOf(rows) };
		},
		async compact(tenant, doc, merge) {
			const rows = rowsOf(tenant, doc);
			if (rows.length < 2) return 0;
			docs.set(docKey(tenant, doc), [{ seq: headOf(rows), data: merge(rows.map((r) => r.data)) }]);
			return rows.length;
		},
		async countUpdates(tenant, doc) {
			return rowsOf(tenant, doc).length;
		},
		async findToken(hash) {
			const found = tokens.get(hash);
			return found ? { ...found } : null;
		},
		async insertToken(record) {
			tokens.set(record.hash, { ...record });
		},
		async redeemCode(codeHash, device, now) {
			const code = tokens.get(codeHash);
			if (!code || code.kind !== 'code' || (code.expiresAt !== null && code.expiresAt <= now)) return null;
			tokens.delete(codeHash);
			tokens.set(device.hash, { ...device });
			return code;
		},
		async deleteToken(hash) {
			return tokens.delete(hash);
		},
		async deleteDevice(tenant, deviceId) {
			const found = devices().find((t) => t.tenant === tenant && t.deviceId === deviceId);
			if (!found) return null;
			tokens.delete(found.hash);
			return found;
		},
		async listDevices(tenant) {
			return devices()
				.filter((t) => t.tenant === tenant)
				.sort((a, b) => a.createdAt - b.createdAt)
				.map((t) => ({ ...t }));
		},
		async countDevices() {
			return devices().length;
		},
		async touchToken(hash, now) {
			const found = tokens.get(hash);
			if (found) found.lastUsedAt = now;
		},
		async deleteCodesLabelled(label) {
			let removed = 0;
			for (const [hash, t] of tokens) if (t.kind === 'code' && t.label === label) removed += Number(tokens.delete(hash));
			return removed;
		},
		async deleteExpiredCodes(now) {
			let removed = 0;
			for (const [hash, t] of tokens) {
				if (t.kind === 'code' && t.expiresAt !== null && t.expiresAt <= now) removed += Number(tokens.delete(hash));
			}
			return removed;
		},
		async setPending(tenant, doc, isPending) {
			if (isPending) pending.set(docKey(tenant, doc), { tenant, doc });
			else pending.delete(docKey(tenant, doc));
		},
		async listPending() {
			return [...pending.values()].map((p) => ({ ...p }));
		},
		async claimNotice(name, now, ttlMs) {
			const last = notices.get(name);
			if (last !== undefined && last > now - ttlMs) return false;
			notices.set(name, now);
			return true;
		},
		async vapidKeys(fresh) {
			vapid ??= { ...fresh };
			return { ...vapid };
		},
		async putPushSubscription(record) {
			const held = subscriptions.get(record.endpoint);
			if (held && held.tenant !== record.tenant) return false;
			subscriptions.set(record.endpoint, { ...record, createdAt: held?.createdAt ?? record.createdAt });
			return true;
		},
		async deletePushSubscription(tenant, endpoint) {
			if (subscriptions.get(endpoint)?.tenant !== tenant) return false;
			return subscriptions.delete(endpoint);
		},
		async listPushSubscriptions(tenant) {
			return [...subscriptions.values()]
				.filter((s) => s.tenant === tenant)
				.sort((a, b) => a.createdAt - b.createdAt)
				.map((s) => ({ ...s }));
		},
		async deleteDeviceSubscriptions(tenant, deviceId) {
			let removed = 0;
			for (const [endpoint, s] of subscriptions) if (s.tenant === tenant && s.deviceId === deviceId) removed += Number(subscriptions.delete(endpoint));
			return removed;
		},
		async close() {}
	};
}
