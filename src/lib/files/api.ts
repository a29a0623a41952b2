// The file API of a session's workspace (`/api/sessions/:id/files`), as data: every failure comes back
// with a stable reason ('offline' when the server cannot be reached), never as a thrown error.
import type { FileListingRow } from '$lib/db/schema';

export type Entry = FileListingRow['entries'][number];

export interface Listing {
	path: string;
	entries: Entry[];
	truncated: boolean;
}

export type FileContent =
	| { path: string; binary?: false; text: string; size: number; version: string }
	| { path: string; binary: true; size: number; version: string };

export interface Saved {
	path: string;
	version: string;
	size: number;
	created: boolean;
}

export interface ApiFailure {
	ok: false;
	/** The server's reason (`file-changed`, `session-not-found`, …), `offline`, or `not-signed-in`. */
	reason: string;
	message: string;
	status?: number;
}

export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export interface FilesApi {
	list(sessionId: string, path: string): Promise<ApiResult<Listing>>;
	read(sessionId: string, path: string): Promise<ApiResult<FileContent>>;
	/** `baseVersion` is the version the text was edited from; null creates a file that must not exist. */
	save(sessionId: string, path: string, text: string, baseVersion: string | null): Promise<ApiResult<Saved>>;
}

export interface FilesApiOptions {
	token: () => string | null;
	fetcher?: typeof fetch;
	/** Where the API lives; the page's own origin by default. */
	base?: string;
}

/** A caller of one session API area (`files`, `git`): adds the token, and turns every failure into data. */
export function sessionCaller({ token, fetcher = (...args) => fetch(...args), base = '' }: FilesApiOptions, area: string) {
	return async function call<T>(sessionId: string, suffix: string, init: RequestInit = {}): Promise<ApiResult<T>> {
		const bearer = token();
		if (!bearer) return { ok: false, reason: 'not-signed-in', message: 'Sign this device in to see the session’s files.' };
		let response: Response;
		try {
			response = await fetcher(`${base}/api/sessions/${encodeURIComponent(sessionId)}/${area}${suffix}`, {
				...init,
				headers: { authorization: `Bearer ${bearer}`, ...(init.body ? { 'content-type': 'application/json' } : {}) }
			});
		} catch {
			return { ok: false, reason: 'offline', message: 'The server cannot be reached.' };
		}
		const body = (await response.json().catch(() => null)) as (T & { error?: { reason: string; message: string } }) | null;
		if (response.ok && body) return { ok: true, value: body };
		return {
			ok: false,
			reason: body?.error?.reason ?? 'server-error',
			message: body?.error?.message ?? `The server answered HTTP ${response.status}.`,
			status: response.status
		};
	};
}

export function createFilesApi(options: FilesApiOptions): FilesApi {
	const call = sessionCaller(options, 'files');
	const query = (path: string) => `?path=${encodeURIComponent(path)}`;
	return {
		list: (sessionId, path) => call<Listing>(sessionId, path === '.' ? '' : query(path)),
		read: (sessionId, path) => call<FileContent>(sessionId, `/content${query(path)}`),
		save: (sessionId, path, text, baseVersion) =>
			call<Saved>(sessionId, '/content', { method: 'PUT', body: JSON.stringify({ path, text, baseVersion }) })
	};
}
