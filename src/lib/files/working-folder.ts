// Asks the server whether a session may work in an existing folder (inside WORKSPACE_ROOTS), before the
// session is created with it; the answer is the folder's real path, or why not, as data.
export type FolderCheck = { ok: true; path: string } | { ok: false; reason: string; message: string };

export async function checkWorkingFolder(folder: string, token: string | null, fetcher: typeof fetch = (...a) => fetch(...a)): Promise<FolderCheck> {
	if (!token) return { ok: false, reason: 'not-signed-in', message: 'Sign this device in to use an existing folder; the server checks it.' };
	let response: Response;
	try {
		response = await fetcher('/api/workspaces/check', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ path: folder })
		});
	} catch {
		return { ok: false, reason: 'offline', message: 'The server cannot be reached to check the folder; connect, or leave the folder empty.' };
	}
	const body = (await response.json().catch(() => null)) as { path?: string; error?: { reason: string; message: string } } | null;
	if (response.ok && typeof body?.path === 'string') return { ok: true, path: body.path };
	return { ok: false, reason: body?.error?.reason ?? 'server-error', message: body?.error?.message ?? `The server answered HTTP ${response.status}.` };
}
