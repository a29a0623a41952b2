// Signing a device in: the token from a sign-in or pairing link is exchanged with the server for this
// device's own token, which is then kept on the device. The data on a device belongs to one account:
// signing into another first removes it from this device (the server keeps it), so one account's
// sessions never sync into another's.
import { Dexie } from 'dexie';
import { DB_NAME } from '$lib/db/names';
import { writeToken } from './token';

export type SignInResult = { ok: true; tenant: string } | { ok: false; message: string };

interface RedeemReply {
	token?: string;
	tenant?: string;
	error?: { reason: string; message: string };
}

const TENANT_KEY = 'session-runner.tenant';
const DEVICE_KEYS = /^session-runner\./;

export interface SignInOptions {
	fetcher?: typeof fetch;
	storage?: Storage;
	/** Removes this device's local database. */
	forgetLocalData?: () => Promise<void>;
}

export async function signIn(token: string, options: SignInOptions = {}): Promise<SignInResult> {
	const { fetcher = fetch, storage = localStorage, forgetLocalData = () => Dexie.delete(DB_NAME) } = options;
	let response: Response;
	try {
		response = await fetcher('/api/auth/redeem', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token })
		});
	} catch {
		return { ok: false, message: 'The server cannot be reached. Connect to the network and open the link again.' };
	}
	const reply = (await response.json().catch(() => ({}))) as RedeemReply;
	if (!response.ok || !reply.token || !reply.tenant) {
		return { ok: false, message: reply.error?.message ?? `The server refused the link (HTTP ${response.status}).` };
	}
	const previous = storage.getItem(TENANT_KEY);
	if (previous !== null && previous !== reply.tenant) {
		await forgetLocalData();
		const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k) => k && DEVICE_KEYS.test(k));
		for (const key of keys) storage.removeItem(key!);
	}
	storage.setItem(TENANT_KEY, reply.tenant);
	writeToken(reply.token, storage);
	return { ok: true, tenant: reply.tenant };
}
