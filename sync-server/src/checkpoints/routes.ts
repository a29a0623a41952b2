// POST /api/sessions/:id/rewind { messageId }: the session's files back to before that prompt; and
// POST /api/sessions/:id/rewind/:rewindId/undo. Any signed-in device of the tenant may ask; the result
// reaches every device through the system message the rewind writes into the session document.
import { Hono, type Context } from 'hono';
import type * as Y from 'yjs';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { sessionDocName } from '../../../src/lib/core/docnames';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { readJson } from '../http/read-json';
import type { DocHost } from '../sync/host';
import { requestRoot, type WorkspaceRouteDeps } from '../workspace/request-root';
import type { CheckpointFailure, Checkpoints, SessionFolder } from './checkpoints';

export interface RewindRouteDeps extends WorkspaceRouteDeps {
	host: DocHost;
	checkpoints: Checkpoints;
}

const Body = z.object({ messageId: z.string().min(1).max(100) });

const STATUS: Record<CheckpointFailure['reason'], ContentfulStatusCode> = {
	'turn-running': 409,
	'already-undone': 409,
	'changed-since': 409,
	'no-checkpoint': 404,
	'not-found': 404,
	'outside-workspace': 403
};

export function rewindRoutes(deps: RewindRouteDeps) {
	const api = new Hono<AppEnv>();

	/** Runs `fn` on the session's document and folder, answering with its result or refusal. */
	async function inSession<T extends object>(
		c: Context<AppEnv>,
		fn: (doc: Y.Doc, folder: SessionFolder) => Promise<({ ok: true } & T) | CheckpointFailure>
	) {
		const root = await requestRoot(deps, c);
		if (typeof root !== 'string') return root;
		const tenant = c.get('principal').tenant;
		const sessionId = c.req.param('id') ?? '';
		const held = await deps.host.open(tenant, sessionDocName(sessionId));
		try {
			const done = await fn(held.doc, { tenant, sessionId, root });
			if (!done.ok) return apiError(c, STATUS[done.reason], done.reason, done.message);
			return c.json(done);
		} finally {
			held.release();
		}
	}

	api.post('/:id/rewind', async (c) => {
		const body = Body.safeParse(await readJson(c.req));
		if (!body.success) return apiError(c, 400, 'invalid-body', 'Send JSON { "messageId": "<the prompt to rewind to before>" }.');
		return inSession(c, (doc, folder) => deps.checkpoints.rewind(doc, folder, body.data.messageId));
	});

	api.post('/:id/rewind/:rewindId/undo', (c) => inSession(c, (doc, folder) => deps.checkpoints.undo(doc, folder, c.req.param('rewindId'))));

	return api;
}
