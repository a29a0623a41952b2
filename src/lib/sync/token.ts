// The device token: kept in localStorage so the app can sync after a reload; never sent in a URL path.
export const TOKEN_KEY = 'session-runner.token';

export function readToken(storage: Storage = localStorage): string | null {
	return storage.getItem(TOKEN_KEY);
}

export function writeToken(token: string, storage: Storage = localStorage): void {
	storage.setItem(TOKEN_KEY, token);
}

export function clearToken(storage: Storage = localStorage): void {
	storage.removeItem(TOKEN_KEY);
}

/** The token carried by a sign-in link's fragment (`/signin#token=…`), if any. */
export function tokenFromFragment(hash: string): string | null {
	const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
	return token ? token : null;
}
