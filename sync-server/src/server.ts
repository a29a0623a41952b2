// Wires the server's parts together and listens; index.ts (env, printing, signals) and tests share it.
// Shutdown order: stop accepting, close sockets, let every write finish and unload, then close the store.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Agent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createApp, type ShellStatus } from './app';
import { Checkpoints } from './checkpoints/checkpoints';
import { createAuth, type Auth } from './auth/service';
import { openCluster, type Cluster } from './cluster/open';
import { publicOrigin, type ServerConfig } from './config';
import { createMetrics, type ServerMetrics } from './metrics';
import { startPush, type Push } from './push/service';
import { openStore } from './store/open';
import { shareFileLocks } from './workspace/locks';
import type { Store } from './store/types';
import type { DocHost } from './sync/host';
import { Registry } from './sync/registry';
import { Sockets } from './sync/sockets';

/** How often the SQLite WAL is checkpointed, on a worker thread (about this long's writes stay in the WAL). */
const CHECKPOINT_EVERY_MS = 1000;

/** What an in-process service (the Claude runner) gets: documents through DocHost, the store, config. */
export interface ServiceContext {
	host: DocHost;
	store: Store;
	cluster: Cluster;
	config: ServerConfig;
	log: Logger;
	metrics: ServerMetrics;
	/** Web Push: the runner tells it of turn outcomes. */
	push: Push;
	/** The sessions' file checkpoints: the runner records them, the rewind routes restore them. */
	checkpoints: Checkpoints;
}

/** Started after the server listens; closed first on shutdown, while documents can still be written. */
export type ServiceFactory = (context: ServiceContext) => Promise<{ close(): Promise<void> }>;

export interface RunningServer {
	/** The address to open, with the actual port when the configured one was 0. */
	origin: string;
	port: number;
	store: Store;
	auth: Auth;
	registry: Registry;
	sockets: Sockets;
	cluster: Cluster;
	push: Push;
	close(): Promise<void>;
}

export interface StartOptions {
	store?: Store;
	services?: ServiceFactory[];
	/** WORKSPACE_ROOTS, for the file API (the runner's tools get theirs from their own factory). */
	workspaceRoots?: readonly string[];
	/** Whether Claude may run shell commands here, and if asked for but off, why (shown by /api/config). */
	shell?: ShellStatus;
	/** The HTTPS agent Web Push sends through (tests trust a local push endpoint's certificate with it). */
	pushAgent?: Agent;
}

export async function startServer(config: ServerConfig, log: Logger, options: StartOptions = {}): Promise<RunningServer> {
	const store =
		options.store ??
		(await openStore(config, { checkpoints: { everyMs: CHECKPOINT_EVERY_MS, onFailure: (message) => log.error({ message }, 'WAL checkpoint worker failed: SQLite checkpoints on the writing thread from now on') } }));
	const auth = createAuth({ store, configTokens: config.authTokens });
	const cluster = await openCluster(config, log);
	shareFileLocks(cluster.fileLock);
	const metrics = createMetrics();
	const registry = new Registry({
		store,
		log,
		metrics,
		idleUnloadMs: config.idleUnloadMs,
		compactAfterUpdates: config.compactAfterUpdates,
		loadedBytesBudget: config.loadedDocBudgetBytes,
		feed: cluster.feed
	});
	const sockets = new Sockets(config.heartbeatMs, { totalBufferedBytes: config.totalBufferedBytes, socketsPerTenant: config.socketsPerTenant }, metrics);
	metrics.observe({ sockets: () => sockets.size, loadedDocuments: () => registry.stats().loaded, loadedDocumentBytes: () => registry.stats().bytes });
	const revocations = await cluster.shareRevocations(
		(hash) => sockets.revoke(hash),
		async () => {
			for (const hash of sockets.tokenHashes()) if (!(await store.findToken(hash))) sockets.revoke(hash);
		}
	);
	auth.onRevoke(revocations.revoked);
	const push = await startPush({
		store,
		host: registry,
		awarenessOf: (tenant, name) => registry.peek(tenant, name)?.awareness,
		config,
		log,
		agent: options.pushAgent
	});
	const checkpoints = new Checkpoints(config.dataDir);
	let ready = false;
	const { app, injectWebSocket } = createApp({
		config,
		store,
		auth,
		registry,
		sockets,
		log,
		metrics,
		ready: () => ready,
		shell: options.shell,
		workspaceRoots: options.workspaceRoots,
		pushKey: push.publicKey,
		checkpoints
	});

	const server = await new Promise<ServerType>((resolve, reject) => {
		const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
		s.once('error', reject);
	});
	// Node hands an upgrading socket over with no 'error' listener; a client that resets it (say, after a
	// refused upgrade) would otherwise throw ECONNRESET out of the process.
	server.on('upgrade', (_req: unknown, socket: Duplex) => socket.on('error', (err: Error) => log.debug({ err }, 'upgrade socket error')));
	injectWebSocket(server);
	const port = (server.address() as AddressInfo).port;
	const services: Array<{ close(): Promise<void> }> = [];
	for (const start of options.services ?? []) services.push(await start({ host: registry, store, cluster, config, log, metrics, push, checkpoints }));
	ready = true;

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			server.close();
			if ('closeAllConnections' in server) server.closeAllConnections();
			sockets.closeAll();
			for (const service of services) {
				await service.close().catch((err: unknown) => log.error({ err }, 'service failed to close'));
			}
			await push.notifier.settled();
			await registry.closeAll();
			await cluster.close();
			shareFileLocks(undefined);
			await store.close();
		})());

	return { origin: publicOrigin(config, port), port, store, auth, registry, sockets, cluster, push, close };
}
