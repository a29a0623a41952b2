// Answering a tool call that waits for approval over HTTP, for a device that has no live document: a
// notification's Approve and Deny actions. The answer is written into the session document exactly as a
// device's would be (the first answer stands), so the runner and every device see one decision.
import { Hono } from 'hono';
import { z } from 'zod';
import { answerApproval } from '../../../src/lib/core/approvals';
import { sessionDocName } from '../../../src/lib/core/docnames';
import { isId } from '../../../src/lib/core/ids';
import type { DocHost } from '../sync/host';
import type { AppEnv } from './env';
import { apiError } from './errors';
import { readJson } from './read-json';

const Body = z.object({ answer: z.enum(['approve', 'deny']) });

export function approvalRoutes({ host, now = Date.now }: { host: DocHost; now?: () => number }) {
	const api = new Hono<AppEnv>();

	api.post('/:id/approvals/:toolUseId', async (c) => {
		const body = Body.safeParse(await readJson(c.req));
		if (!body.success) return apiError(c, 400, 'invalid-body', 'Send JSON { "answer": "approve" | "deny" }.');
		const id = c.req.param('id');
		if (!isId(id)) return apiError(c, 404, 'approval-not-found', 'No such session.');
		const name = sessionDocName(id);
		const principal = c.get('principal');
		const held = await host.open(principal.tenant, name);
		try {
			const result = answerApproval(held.doc, c.req.param('toolUseId'), body.data.answer, principal.label, now());
			if (result.ok) return c.json({ ok: true });
			if (result.reason === 'not-found') return apiError(c, 404, 'approval-not-found', 'That tool call is not in this session.');
			return apiError(c, 409, 'approval-closed', 'That request was already answered, or its turn has ended.');
		} finally {
			held.release();
		}
	});

	return api;
}
