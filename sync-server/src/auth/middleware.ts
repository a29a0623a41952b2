// API calls authenticate with `Authorization: Bearer <token>`; the caller's tenant then scopes
// everything the handler touches.
import type { MiddlewareHandler } from 'hono';
import { apiError } from '../http/errors';
import type { AppEnv } from '../http/env';
import type { Auth } from './service';
import { bearerToken } from './tokens';

export function requireAuth(auth: Auth): MiddlewareHandler<AppEnv> {
	return async function authenticate(c, next) {
		const token = bearerToken(c.req.header('authorization'));
		const principal = await auth.verify(token);
		if (!principal) {
			const reason = token ? 'invalid-token' : 'unauthorized';
			return apiError(c, 401, reason, token ? 'This token is not valid (revoked or unknown); sign in again.' : 'Sign in first: send Authorization: Bearer <token>.');
		}
		c.set('principal', principal);
		await next();
	};
}
