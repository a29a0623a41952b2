// Who a token is: every credential belongs to exactly one tenant, and one-time codes are never
// credentials themselves; they only redeem (once) into a device token of the same tenant.
import { newId } from '../../../src/lib/core/ids';
import type { ConfigToken } from '../config';
import type { Store, TokenRecord } from '../store/types';
import { configDeviceId, hashSecret, mintSecret } from './tokens';

export interface Principal {
	tenant: string;
	deviceId: string;
	tokenHash: string;
	/** `config` tokens come from AUTH_TOKENS and cannot be revoked through the API. */
	source: 'device' | 'config';
	label: string;
}

export type RedeemResult =
	| { ok: true; token: string; tenant: string; deviceId: string }
	| { ok: false; reason: 'invalid-token' | 'code-expired' };

export interface Device {
	id: string;
	label: string;
	createdAt: number;
	lastUsedAt: number | null;
}

export interface AuthOptions {
	store: Store;
	configTokens: ConfigToken[];
	now?: () => number;
}

/** The label of the link printed on a first start; one is valid at a time, and none once a device signed in. */
export const FIRST_START_LABEL = 'first sign-in';

/** How stale `lastUsedAt` may get before a request writes it again. */
const TOUCH_EVERY_MS = 60_000;
const MAX_LABEL = 80;

export const cleanLabel = (label: string | undefined, fallback: string) =>
	(label ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_LABEL) || fallback;

export function createAuth({ store, configTokens, now = Date.now }: AuthOptions) {
	const fromConfig = new Map(configTokens.map(({ tenant, token }) => [hashSecret(token), tenant]));
	const revokeListeners = new Set<(tokenHash: string) => void>();
	const revoked = (hash: string) => revokeListeners.forEach((listener) => listener(hash));

	const deviceRecord = (tenant: string, label: string, deviceId = newId()) => {
		const token = mintSecret();
		const record: TokenRecord = {
			hash: hashSecret(token),
			tenant,
			deviceId,
			kind: 'device',
			label,
			createdAt: now(),
			expiresAt: null,
			lastUsedAt: null
		};
		return { token, record };
	};

	return {
		async verify(token: string | null): Promise<Principal | null> {
			if (!token) return null;
			const hash = hashSecret(token);
			const tenant = fromConfig.get(hash);
			if (tenant) return { tenant, deviceId: configDeviceId(hash), tokenHash: hash, source: 'config', label: 'AUTH_TOKENS' };
			const record = await store.findToken(hash);
			if (!record || record.kind !== 'device') return null;
			if (record.lastUsedAt === null || now() - record.lastUsedAt > TOUCH_EVERY_MS) await store.touchToken(hash, now());
			return { tenant: record.tenant, deviceId: record.deviceId, tokenHash: hash, source: 'device', label: record.label };
		},

		/** Exchanges a one-time code for a new device token; a valid token comes back as it is. */
		async redeem(secret: string, label: string): Promise<RedeemResult> {
			const known = await this.verify(secret);
			if (known) return { ok: true, token: secret, tenant: known.tenant, deviceId: known.deviceId };
			const codeHash = hashSecret(secret);
			const code = await store.findToken(codeHash);
			if (!code || code.kind !== 'code') return { ok: false, reason: 'invalid-token' };
			const { token, record } = deviceRecord(code.tenant, cleanLabel(label, 'device'), code.deviceId);
			const consumed = await store.redeemCode(codeHash, record, now());
			if (!consumed) return { ok: false, reason: code.expiresAt !== null && code.expiresAt <= now() ? 'code-expired' : 'invalid-token' };
			// A device is in: a first-start link printed earlier must not sign anyone else in.
			await store.deleteCodesLabelled(FIRST_START_LABEL);
			return { ok: true, token, tenant: record.tenant, deviceId: record.deviceId };
		},

		/** A one-time sign-in code for a new device of `tenant`. */
		async mintCode(tenant: string, ttlMs: number, label: string): Promise<{ code: string; expiresAt: number }> {
			const code = mintSecret();
			const expiresAt = now() + ttlMs;
			await store.deleteExpiredCodes(now());
			await store.insertToken({
				hash: hashSecret(code),
				tenant,
				deviceId: newId(),
				kind: 'code',
				label,
				createdAt: now(),
				expiresAt,
				lastUsedAt: null
			});
			return { code, expiresAt };
		},

		/**
		 * The link a start prints while no device has signed in: it replaces any printed before, so an old
		 * link (in a terminal's scrollback, a log) stops working at the next restart.
		 */
		async firstStartCode(tenant: string, ttlMs: number): Promise<string> {
			await store.deleteCodesLabelled(FIRST_START_LABEL);
			return (await this.mintCode(tenant, ttlMs, FIRST_START_LABEL)).code;
		},

		/** A long-lived device token (the CLI's `npm run token`). */
		async mintDevice(tenant: string, label: string): Promise<{ token: string; deviceId: string }> {
			const { token, record } = deviceRecord(tenant, cleanLabel(label, 'device'));
			await store.insertToken(record);
			await store.deleteCodesLabelled(FIRST_START_LABEL);
			return { token, deviceId: record.deviceId };
		},

		/** Revokes the caller's own token; a config token cannot be revoked here (false). */
		async signOut(principal: Principal): Promise<boolean> {
			// A device that signed out gets no more notifications.
			await store.deleteDeviceSubscriptions(principal.tenant, principal.deviceId);
			if (principal.source === 'config') return false;
			const deleted = await store.deleteToken(principal.tokenHash);
			if (deleted) revoked(principal.tokenHash);
			return deleted;
		},

		async revokeDevice(tenant: string, deviceId: string): Promise<boolean> {
			const deleted = await store.deleteDevice(tenant, deviceId);
			await store.deleteDeviceSubscriptions(tenant, deviceId);
			if (deleted) revoked(deleted.hash);
			return deleted !== null;
		},

		async listDevices(tenant: string): Promise<Device[]> {
			const rows = await store.listDevices(tenant);
			return rows.map((r) => ({ id: r.deviceId, label: r.label, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt }));
		},

		/** True when no device has ever been signed in (the first start prints a sign-in link). */
		async hasNoDevices(): Promise<boolean> {
			return (await store.countDevices()) === 0;
		},

		/** Listeners learn the hash of every revoked token, to drop its open sockets. */
		onRevoke(listener: (tokenHash: string) => void): () => void {
			revokeListeners.add(listener);
			return () => revokeListeners.delete(listener);
		}
	};
}

export type Auth = ReturnType<typeof createAuth>;
