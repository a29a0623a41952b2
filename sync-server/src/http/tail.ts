// The newest page of a session for a device that has not synced it yet (GET /api/sessions/:id/tail):
// read from the stored document in the caller's tenant, each message checked against the core schema.
// A session the tenant's index does not list is not found, whoever's id it is.
import { Hono } from 'hono';
import { sessionDocName } from '../../../src/lib/core/docnames';
import { isId } from '../../../src/lib/core/ids';
import { TAIL_MAX, readTail } from '../../../src/lib/core/tail';
import type { DocHost } from '../sync/host';
import { indexedSession } from '../sync/index-doc';
import type { AppEnv } from './env';
import { apiError } from './errors';

const DEFAULT_LIMIT = 100;

export function tailRoutes({ host }: { host: DocHost }) {
	const api = new Hono<AppEnv>();

	api.get('/:id/tail', async (c) => {
		const id = c.req.param('id');
		if (!isId(id)) return apiError(c, 400, 'invalid-session-id', 'A session id is 1 to 64 letters, digits, "-" or "_".');
		const asked = c.req.query('limit');
		const limit = asked === undefined ? DEFAULT_LIMIT : Number(asked);
		if (!Number.isInteger(limit) || limit < 1 || limit > TAIL_MAX) {
			return apiError(c, 400, 'invalid-limit', `limit is a whole number from 1 to ${TAIL_MAX}.`);
		}
		const { tenant } = c.get('principal');
		if (!(await indexedSession(host, tenant, id))) return apiError(c, 404, 'session-not-found', 'No such session.');
		const held = await host.open(tenant, sessionDocName(id));
		try {
			return c.json(readTail(held.doc, id, limit));
		} finally {
			held.release();
		}
	});

	return api;
}
