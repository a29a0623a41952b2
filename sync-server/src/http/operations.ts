// What operators and load balancers ask: /health (alive; nothing about the inside), /ready (the store
// answers and the services have started) and /metrics (Prometheus; a token, or loopback clients only).
import { Hono } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { ServerMetrics } from '../metrics';
import type { Store } from '../store/types';
import { bearerToken } from '../auth/tokens';
import type { AppEnv } from './env';
import { apiError } from './errors';

export interface OperationsOptions {
	store: Store;
	metrics: ServerMetrics;
	/** True once the server listens and its services (the runner) have started. */
	ready: () => boolean;
	metricsToken: string | undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string | null, expected: string): boolean {
	const a = Buffer.from(given ?? '');
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function operationsRoutes({ store, metrics, ready, metricsToken }: OperationsOptions) {
	const app = new Hono<AppEnv>();

	app.get('/health', (c) => c.json({ ok: true }));

	app.get('/ready', async (c) => {
		if (!ready()) return apiError(c, 503, 'not-ready', 'The server is still starting.');
		try {
			// Opening the store ran its migrations; a query shows it still answers.
			await store.countDevices();
		} catch {
			return apiError(c, 503, 'not-ready', 'The store does not answer.');
		}
		return c.json({ ok: true });
	});

	app.get('/metrics', async (c) => {
		const allowed = metricsToken
			? sameSecret(bearerToken(c.req.header('authorization')), metricsToken)
			: LOOPBACK.test(c.env?.incoming?.socket.remoteAddress ?? '');
		if (!allowed) {
			return apiError(c, metricsToken ? 401 : 403, metricsToken ? 'unauthorized' : 'metrics-not-allowed', 'Metrics need METRICS_TOKEN as a bearer token, or a loopback client when it is unset.');
		}
		c.header('Content-Type', metrics.registry.contentType);
		return c.body(await metrics.registry.metrics());
	});

	return app;
}
