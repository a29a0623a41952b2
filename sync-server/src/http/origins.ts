// Same-origin by default: a browser request is accepted from the server's own origin (its Host) or
// one listed in ALLOWED_ORIGINS. A request without an Origin header (curl, a node client) is not a
// browser acting for another site, so it is allowed.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { apiError } from './errors';
import type { AppEnv } from './env';

export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
	if (origin === undefined) return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (parsed.origin === 'null') return false;
	if (host !== undefined && parsed.host === host.toLowerCase()) return true;
	return allowed.includes(parsed.origin);
}

export function originGuard(allowed: readonly string[]): MiddlewareHandler<AppEnv> {
	return async function guardOrigin(c, next) {
		if (!originAllowed(c.req.header('origin'), c.req.header('host'), allowed)) {
			return apiError(c, 403, 'origin-not-allowed', 'This origin may not use this server; add it to ALLOWED_ORIGINS.');
		}
		await next();
	};
}

/** CORS headers for the extra origins only; same-origin requests need none. */
export function corsForAllowed(allowed: readonly string[]): MiddlewareHandler<AppEnv> {
	return cors({
		origin: (origin) => (allowed.includes(origin) ? origin : null),
		allowHeaders: ['Authorization', 'Content-Type'],
		allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
		maxAge: 600
	});
}
