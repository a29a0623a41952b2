// One log line per HTTP request, with an id (also sent back as X-Request-Id) and the tenant once the
// request is authenticated. The path is logged without its query: a sync URL carries the token there.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { newId } from '../../../src/lib/core/ids';
import type { AppEnv } from './env';

export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
	return async function logRequest(c, next) {
		const requestId = newId();
		const started = performance.now();
		c.set('requestId', requestId);
		c.header('X-Request-Id', requestId);
		await next();
		log.debug(
			{ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), tenant: c.get('principal')?.tenant },
			'request'
		);
	};
}
