// Asks the server about a working folder before a new session names it: whether a session may work in
// an existing folder (inside WORKSPACE_ROOTS), or a new git worktree of the repository there. The
// answer is the folder's real path, or why not, as data.
export type FolderCheck = { ok: true; path: string } | { ok: false; reason: string; message: string };

async function askServer(url: string, body: unknown, token: string | null, fetcher: typeof fetch): Promise<FolderCheck> {
	if (!token) return { ok: false, reason: 'not-signed-in', message: 'Sign this device in to use an existing folder; the server checks it.' };
	let response: Response;
	try {
		response = await fetcher(url, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return { ok: false, reason: 'offline', message: 'The server cannot be reached to check the folder; connect, or leave the folder empty.' };
	}
	const answer = (await response.json().catch(() => null)) as { path?: string; error?: { reason: string; message: string } } | null;
	if (response.ok && typeof answer?.path === 'string') return { ok: true, path: answer.path };
	return { ok: false, reason: answer?.error?.reason ?? 'server-error', message: answer?.error?.message ?? `The server answered HTTP ${response.status}.` };
}

export function checkWorkingFolder(folder: string, token: string | null, fetcher: typeof fetch = (...a) => fetch(...a)): Promise<FolderCheck> {
	return askServer('/api/workspaces/check', { path: folder }, token, fetcher);
}

/** Makes a new worktree and branch (named after the session) of the repository at `folder`; its path is the session's folder. */
export function startWorktree(folder: string, title: string, token: string | null, fetcher: typeof fetch = (...a) => fetch(...a)): Promise<FolderCheck> {
	return askServer('/api/workspaces/worktree', { path: folder, title }, token, fetcher);
}
