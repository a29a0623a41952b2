// The session folder a request under /api/sessions/:id/… may touch: the signed-in tenant's session,
// its folder checked by the workspace rules on every request, or an error response.
import type { Context } from 'hono';
import { isId } from '../../../src/lib/core/ids';
import type { Failure } from './result';
import { errorResponse } from './routeErrors';

export interface WorkspaceRouteDeps {
	/** The tenant the mounting app's auth middleware put in the context; undefined means not signed in. */
	getTenant(c: Context): string | undefined;
	/**
	 * The session's working directory (see resolveWorkspace), null when the tenant has no such session,
	 * or the refusal when its folder is not usable (say, outside WORKSPACE_ROOTS).
	 */
	workspaceRoot(tenant: string, sessionId: string): Promise<string | null | Failure>;
}

export async function requestRoot(deps: WorkspaceRouteDeps, c: Context): Promise<string | Response> {
	const tenant = deps.getTenant(c);
	if (!tenant) return errorResponse(c, { reason: 'unauthorized', message: 'Sign in to see files.' });
	const id = c.req.param('id');
	const root = id && isId(id) ? await deps.workspaceRoot(tenant, id) : null;
	if (root && typeof root === 'object') return errorResponse(c, root);
	return root ?? errorResponse(c, { reason: 'session-not-found', message: 'There is no such session.' });
}
