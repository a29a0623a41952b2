// One JSON error shape for the file and git APIs, { error: { reason, message } }, with the HTTP status each reason deserves.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GitReason } from '../git/errors';
import type { WorkspaceReason } from './result';

export type RouteReason = WorkspaceReason | GitReason | 'file-changed' | 'session-not-found' | 'unauthorized';

const STATUS: Partial<Record<RouteReason, ContentfulStatusCode>> = {
	unauthorized: 401,
	'outside-workspace': 403,
	'dangling-symlink': 403,
	'permission-denied': 403,
	'workspace-not-allowed': 403,
	'not-found': 404,
	'session-not-found': 404,
	'file-changed': 409,
	'file-too-large': 413,
	'special-file': 415,
	'tool-failed': 500,
	'not-a-repository': 404,
	'git-unsafe-config': 403,
	'nothing-to-commit': 409,
	'no-remote': 409,
	'push-rejected': 409,
	'worktree-dirty': 409,
	'merge-conflict': 409,
	'push-needs-credentials': 502,
	'git-timeout': 504,
	'nothing-staged': 409,
	'draft-failed': 502,
	'git-failed': 500
};

export function errorResponse(c: Context, error: { reason: RouteReason; message: string }): Response {
	return c.json({ error: { reason: error.reason, message: error.message } }, STATUS[error.reason] ?? 400);
}
