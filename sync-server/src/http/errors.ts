// One error shape for every API response: `{ error: { reason, message } }`, reason a stable kebab-case
// code a client can branch on, message for the person.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorReason =
	| 'unauthorized'
	| 'invalid-token'
	| 'code-expired'
	| 'origin-not-allowed'
	| 'invalid-doc-name'
	| 'invalid-body'
	| 'body-too-large'
	| 'device-not-found'
	| 'subscription-taken'
	| 'too-many-subscriptions'
	| 'push-service-not-allowed'
	| 'approval-not-found'
	| 'approval-closed'
	| 'invalid-session-id'
	| 'invalid-limit'
	| 'too-many-tails'
	| 'session-not-found'
	| 'not-found'
	| 'upgrade-required'
	| 'host-not-allowed'
	| 'not-ready'
	| 'metrics-not-allowed'
	| 'app-not-built'
	| 'turn-running'
	| 'already-undone'
	| 'changed-since'
	| 'no-checkpoint'
	| 'outside-workspace'
	| 'internal-error';

export const errorBody = (reason: ErrorReason, message: string) => ({ error: { reason, message } });

export function apiError(c: Context, status: ContentfulStatusCode, reason: ErrorReason, message: string) {
	return c.json(errorBody(reason, message), status);
}
