// The account API as a device calls it: every call carries the device token and comes back as data,
// `{ ok: true, value }` or `{ ok: false, reason, message }`, with the server's own message when it sent one.
export type ApiResult<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };

export interface Me {
	tenant: string;
	/** `config` tokens come from the server's AUTH_TOKENS: not a device that can be revoked. */
	device: { id: string; label: string; source: 'device' | 'config' };
}

export interface DeviceInfo {
	id: string;
	label: string;
	createdAt: number;
	lastUsedAt: number | null;
	/** The device asking. */
	current: boolean;
}

export interface Pairing {
	url: string;
	expiresAt: number;
	/** `data:image/svg+xml;base64,…`: shown as an image, never inserted as markup. */
	qrDataUrl: string;
}

const UNREACHABLE = 'The server cannot be reached; check the network and try again.';

/** One API call, its answer as data; `T` is what a successful reply holds (unchecked: callers validate what they keep). */
export async function call<T>(fetcher: typeof fetch, token: string, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	const headers: Record<string, string> = { authorization: `Bearer ${token}` };
	if (body !== undefined) headers['content-type'] = 'application/json';
	try {
		response = await fetcher(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	} catch {
		return { ok: false, reason: 'server-unreachable', message: UNREACHABLE };
	}
	const reply = (await response.json().catch(() => null)) as (T & { error?: { reason?: string; message?: string } }) | null;
	if (response.ok && reply) return { ok: true, value: reply };
	return {
		ok: false,
		reason: reply?.error?.reason ?? `http-${response.status}`,
		message: reply?.error?.message ?? `The server answered HTTP ${response.status}.`
	};
}

export function accountApi(token: string, fetcher: typeof fetch = fetch) {
	return {
		me: () => call<Me>(fetcher, token, 'GET', '/api/me'),
		devices: async (): Promise<ApiResult<DeviceInfo[]>> => {
			const result = await call<{ devices: DeviceInfo[] }>(fetcher, token, 'GET', '/api/devices');
			return result.ok ? { ok: true, value: result.value.devices } : result;
		},
		revoke: (id: string) => call<{ ok: true }>(fetcher, token, 'DELETE', `/api/devices/${encodeURIComponent(id)}`),
		pair: async (): Promise<ApiResult<Pairing>> => {
			const result = await call<Pairing>(fetcher, token, 'POST', '/api/pairings');
			if (!result.ok) return result;
			const { url, expiresAt, qrDataUrl } = result.value;
			if (!qrDataUrl.startsWith('data:image/svg+xml;base64,')) {
				return { ok: false, reason: 'bad-reply', message: 'The server sent a pairing reply this app does not understand.' };
			}
			return { ok: true, value: { url, expiresAt, qrDataUrl } };
		},
		signOut: () => call<{ ok: true; revoked: boolean }>(fetcher, token, 'POST', '/api/auth/signout')
	};
}

export type AccountApi = ReturnType<typeof accountApi>;

/** Web Push: the server's public key, and this device's subscription given or taken back. */
export function pushApi(token: string, fetcher: typeof fetch = fetch) {
	return {
		key: () => call<{ publicKey: string }>(fetcher, token, 'GET', '/api/push/key'),
		subscribe: (subscription: PushSubscriptionJSON, includeText: boolean) =>
			call<{ ok: true }>(fetcher, token, 'PUT', '/api/push/subscription', { subscription, includeText }),
		unsubscribe: (endpoint: string) => call<{ ok: true; removed: boolean }>(fetcher, token, 'DELETE', '/api/push/subscription', { endpoint })
	};
}
