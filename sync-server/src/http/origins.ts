// Which names and origins this server answers to. A browser request is accepted from the server's own
// origin or one listed in ALLOWED_ORIGINS; a request without an Origin header (curl, a node client) is not
// a browser acting for another site, so it is allowed. The Host header alone proves nothing: a DNS
// rebinding page at evil.example that resolves to 127.0.0.1 sends `Host: evil.example` and a matching
// Origin. So the Host must itself be a name of this server: an IP literal (which cannot be rebound),
// localhost, or the host of PUBLIC_URL or of an allowed origin; anything else is refused before routing.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { apiError } from './errors';
import type { AppEnv } from './env';

export interface ServerNames {
	/** PUBLIC_URL, when set. */
	publicUrl?: string;
	/** ALLOWED_ORIGINS. */
	allowedOrigins: readonly string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostname(host: string): string | null {
	try {
		return new URL(`http://${host}`).hostname;
	} catch {
		return null;
	}
}

/** Whether `host` (a Host header: name and optional port) names this server. */
export function hostAllowed(host: string | undefined, names: ServerNames): boolean {
	if (host === undefined) return false;
	const name = hostname(host.toLowerCase());
	if (name === null) return false;
	if (IPV4.test(name) || name.startsWith('[') || name === 'localhost' || name.endsWith('.localhost')) return true;
	return [names.publicUrl, ...names.allowedOrigins].some((origin) => origin !== undefined && hostname(new URL(origin).host) === name);
}

export function originAllowed(origin: string | undefined, host: string | undefined, names: ServerNames): boolean {
	if (origin === undefined) return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (parsed.origin === 'null') return false;
	if (host !== undefined && hostAllowed(host, names) && parsed.host === host.toLowerCase()) return true;
	return names.allowedOrigins.includes(parsed.origin);
}

/** Refuses requests (and upgrades) addressed to a name that is not this server's: 421 Misdirected Request. */
export function hostGuard(names: ServerNames): MiddlewareHandler<AppEnv> {
	return async function guardHost(c, next) {
		if (!hostAllowed(c.req.header('host'), names)) {
			return apiError(c, 421, 'host-not-allowed', 'This server does not answer to that host name; set PUBLIC_URL or ALLOWED_ORIGINS.');
		}
		await next();
	};
}

export function originGuard(names: ServerNames): MiddlewareHandler<AppEnv> {
	return async function guardOrigin(c, next) {
		if (!originAllowed(c.req.header('origin'), c.req.header('host'), names)) {
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
