// The newest page of a session for a device that has not synced it yet (GET /api/sessions/:id/tail):
// read from the stored document in the caller's tenant, each message checked against the core schema.
// A session the tenant's index does not list is not found, whoever's id it is.
// Each answer is built whole in memory and held until the client has read it, so answers are capped in
// bytes (readTail) and a tenant has at most a few at once: over that it is refused, and the device
// simply waits for the sync instead.
import { Hono } from 'hono';
import { sessionDocName } from '../../../src/lib/core/docnames';
import { isId } from '../../../src/lib/core/ids';
import { TAIL_MAX, readTail } from '../../../src/lib/core/tail';
import type { DocHost } from '../sync/host';
import { indexedSession } from '../sync/index-doc';
import type { AppEnv } from './env';
import { apiError } from './errors';

const DEFAULT_LIMIT = 100;
/** Answers one tenant may have in flight (built, or not yet read by its client). */
export const TAILS_PER_TENANT = 4;

export function tailRoutes({ host, perTenant = TAILS_PER_TENANT }: { host: DocHost; perTenant?: number }) {
	const api = new Hono<AppEnv>();
	const inFlight = new Map<string, number>();
	const release = (tenant: string) => {
		const left = (inFlight.get(tenant) ?? 1) - 1;
		if (left > 0) inFlight.set(tenant, left);
		else inFlight.delete(tenant);
	};

	api.get('/:id/tail', async (c) => {
		const id = c.req.param('id');
		if (!isId(id)) return apiError(c, 400, 'invalid-session-id', 'A session id is 1 to 64 letters, digits, "-" or "_".');
		const asked = c.req.query('limit');
		const limit = asked === undefined ? DEFAULT_LIMIT : /^[1-9][0-9]*$/.test(asked) ? Number(asked) : NaN;
		if (!(limit <= TAIL_MAX)) return apiError(c, 400, 'invalid-limit', `limit is a whole number from 1 to ${TAIL_MAX}.`);
		const { tenant } = c.get('principal');
		const running = inFlight.get(tenant) ?? 0;
		if (running >= perTenant) {
			return apiError(c, 429, 'too-many-tails', `This account has ${running} newest pages on their way already (at most ${perTenant} at once); the session loads through the sync instead.`);
		}
		inFlight.set(tenant, running + 1);
		let held = true;
		const done = () => {
			if (held) release(tenant);
			held = false;
		};
		// Held until the answer is written out or the connection ends; without a node response (in-process
		// requests) until it is built. A client gone before this line (during sign-in) has closed already.
		const outgoing = c.env?.outgoing;
		if (outgoing) {
			outgoing.once('close', done);
			if (outgoing.destroyed || outgoing.writableFinished) done();
		}
		try {
			if (!(await indexedSession(host, tenant, id))) return apiError(c, 404, 'session-not-found', 'No such session.');
			const opened = await host.open(tenant, sessionDocName(id));
			try {
				return c.json(readTail(opened.doc, id, limit));
			} finally {
				opened.release();
			}
		} finally {
			if (!outgoing) done();
		}
	});

	return api;
}
