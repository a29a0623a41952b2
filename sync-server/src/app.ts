// Builds the Hono app from its dependencies, so tests run it on a port of their choosing: request log,
// Host check and security headers first, then sync upgrades, /health, /ready and /metrics, the API
// (CORS, Origin check, body limit) and the static PWA.
// The file API sits before the API's body limit, since saving a file needs more: it has its own cap.
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { DEFAULT_MODEL } from '../../src/lib/core/defaults';
import { newId } from '../../src/lib/core/ids';
import { requireAuth } from './auth/middleware';
import type { Auth } from './auth/service';
import type { ServerConfig } from './config';
import type { Checkpoints } from './checkpoints/checkpoints';
import { ensureForkFolder } from './checkpoints/fork-folder';
import { rewindRoutes } from './checkpoints/routes';
import { claudeDrafter, demoDrafter } from './git/draft';
import { gitRoutes, worktreeRoutes } from './git/routes';
import { repoPolicy } from './git/repo';
import { lazyClient } from './runner/client';
import { apiRoutes } from './http/api';
import { approvalRoutes } from './http/approvals';
import type { AppEnv } from './http/env';
import { apiError } from './http/errors';
import { operationsRoutes } from './http/operations';
import { corsForAllowed, hostGuard, originGuard } from './http/origins';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import type { ServerMetrics } from './metrics';
import { pushRoutes } from './push/routes';
import { staticRoutes } from './http/static';
import { tailRoutes } from './http/tail';
import type { Store } from './store/types';
import type { Registry } from './sync/registry';
import type { Sockets } from './sync/sockets';
import { syncUpgrade } from './sync/upgrade';
import { workspaceCheckRoutes } from './workspace/check-route';
import { workspaceRoutes } from './workspace/routes';
import { sessionWorkspaceRoot } from './workspace/session-root';

export interface AppDeps {
	config: ServerConfig;
	store: Store;
	auth: Auth;
	registry: Registry;
	sockets: Sockets;
	log: Logger;
	metrics: ServerMetrics;
	/** True once the services have started (for /ready). */
	ready: () => boolean;
	shell?: ShellStatus;
	/** WORKSPACE_ROOTS: where a session's own working folder may be (default: none, so only DATA_DIR's). */
	workspaceRoots?: readonly string[];
	/** The deployment's public VAPID key, for the push routes. */
	pushKey: string;
	checkpoints: Checkpoints;
}

/** Shell commands: on only with WORKSPACE_SHELL and a working sandbox; `reason` says why they are off when asked for. */
export interface ShellStatus {
	enabled: boolean;
	reason?: string;
}

export function createApp({ config, store, auth, registry, sockets, log, metrics, ready, shell = { enabled: false }, workspaceRoots = [], pushKey, checkpoints }: AppDeps) {
	const app = new Hono<AppEnv>();
	const nodeWs = createNodeWebSocket({ app });
	// ws reads maxPayload at each upgrade; a bigger message closes that socket with 1009.
	nodeWs.wss.options.maxPayload = config.maxFrameBytes;
	const allowed = config.allowedOrigins;
	const names = { publicUrl: config.publicUrl, allowedOrigins: allowed };

	app.use('*', requestLog(log), hostGuard(names), securityHeaders(config.staticDir));
	app.use(
		'*',
		syncUpgrade({
			auth,
			registry,
			sockets,
			log,
			names,
			maxBufferedBytes: config.maxBufferedBytes,
			messagesPerSecond: config.socketMessagesPerSecond,
			upgradeWebSocket: nodeWs.upgradeWebSocket
		})
	);

	app.route('/', operationsRoutes({ store, metrics, ready, metricsToken: config.metricsToken }));

	app.use('/api/*', corsForAllowed(allowed), originGuard(names));
	// What every device needs before signing in: whether Claude or the demo model answers, the model and engine.
	app.get('/api/config', (c) =>
		c.json({ demo: !config.anthropic.apiKey, model: config.anthropic.model ?? DEFAULT_MODEL, defaultEngine: config.defaultEngine, shell })
	);
	const getTenant = (c: Context) => (c as Context<AppEnv>).get('principal')?.tenant;
	const forks = { checkpoints, host: registry, workspaces: { dataDir: config.dataDir, roots: workspaceRoots } };
	const workspaceRoot = sessionWorkspaceRoot({
		host: registry,
		dataDir: config.dataDir,
		roots: workspaceRoots,
		prepare: (tenant, session) => ensureForkFolder(forks, tenant, session)
	});
	app.use('/api/sessions/:id/files/*', requireAuth(auth));
	app.route(
		'/api/sessions/:id/files',
		workspaceRoutes({ getTenant, workspaceRoot })
	);
	app.use(
		'/api/*',
		bodyLimit({
			maxSize: config.maxBodyBytes,
			onError: (c) => apiError(c, 413, 'body-too-large', `Request bodies are limited to ${config.maxBodyBytes} bytes.`)
		})
	);
	const gitPolicy = repoPolicy({ dataDir: config.dataDir, roots: workspaceRoots }, config.gitHooks);
	app.use('/api/sessions/:id/git/*', requireAuth(auth));
	const { apiKey, baseUrl } = config.anthropic;
	// No resources to close: the SDK client (made at the first draft) makes a request per draft.
	const drafter = apiKey ? claudeDrafter(lazyClient({ apiKey, baseURL: baseUrl ?? null, maxRetries: 1 }), config.anthropic.model ?? DEFAULT_MODEL) : demoDrafter;
	app.route('/api/sessions/:id/git', gitRoutes({ getTenant, workspaceRoot, policy: gitPolicy, drafter }));
	app.use('/api/workspaces/*', requireAuth(auth));
	app.route('/api/workspaces/worktree', worktreeRoutes({ dataDir: config.dataDir, roots: workspaceRoots }, gitPolicy));
	app.route('/api/workspaces', workspaceCheckRoutes({ dataDir: config.dataDir, roots: workspaceRoots }));
	app.use('/api/sessions/:id/rewind', requireAuth(auth));
	app.use('/api/sessions/:id/rewind/*', requireAuth(auth));
	app.route('/api/sessions', rewindRoutes({ getTenant, workspaceRoot, host: registry, checkpoints }));
	app.use('/api/sessions/:id/approvals/*', requireAuth(auth));
	app.route('/api/sessions', approvalRoutes({ host: registry }));
	app.use('/api/sessions/:id/tail', requireAuth(auth));
	app.route('/api/sessions', tailRoutes({ host: registry }));
	app.use('/api/push/*', requireAuth(auth));
	app.route('/api/push', pushRoutes({ store, publicKey: pushKey, services: config.pushServices }));
	app.route('/api', apiRoutes({ auth, pairingTtlMs: config.pairingTtlMs, publicUrl: config.publicUrl }));
	app.all('/api/*', (c) => apiError(c, 404, 'not-found', 'No such API route.'));
	app.all('/sync/*', (c) => apiError(c, 426, 'upgrade-required', 'Connect with a WebSocket.'));
	app.route('/', staticRoutes(config.staticDir));

	app.notFound((c) => apiError(c, 404, 'not-found', 'Not found.'));
	app.onError((err, c) => {
		const id = newId();
		log.error({ err, errorId: id, requestId: c.get('requestId'), tenant: c.get('principal')?.tenant, path: c.req.path }, 'request failed');
		return apiError(c, 500, 'internal-error', `Something went wrong on the server (error id ${id}); try again.`);
	});

	return { app, injectWebSocket: nodeWs.injectWebSocket, wss: nodeWs.wss };
}
