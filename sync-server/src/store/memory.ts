// An in-memory Store for unit tests: the same contract as SQLite, durable only as long as the process.
import type { Store, TokenRecord } from './types';
import { docKey } from '../sync/host';


export function createMemoryStore(): Store {
	const docs = new Map<string, Uint8Array[]>();
	const tokens = new Map<string, TokenRecord>();
	const pending = new Map<string, { tenant: string; doc: string }>();
	const devices = () => [...tokens.values()].filter((t) => t.kind === 'device');

	return {
		kind: 'memory',
		async loadUpdates(tenant, doc) {
			return [...(docs.get(docKey(tenant, doc)) ?? [])];
		},
		async appendUpdates(tenant, doc, updates) {
			const key = docKey(tenant, doc);
			docs.set(key, [...(docs.get(key) ?? []), ...updates]);
		},
		async compact(tenant, doc, merge) {
			const rows = docs.get(docKey(tenant, doc)) ?? [];
			if (rows.length < 2) return 0;
			docs.set(docKey(tenant, doc), [merge(rows)]);
			return rows.length;
		},
		async countUpdates(tenant, doc) {
			return docs.get(docKey(tenant, doc))?.length ?? 0;
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
		async close() {}
	};
}
