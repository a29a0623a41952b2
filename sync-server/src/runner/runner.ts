// The Claude runner: one worker per loaded session document whose turn lease it holds, which runs its
// queued prompts. It follows the registry, which reports every document it loads (a device connecting,
// the HTTP API, a resume), and sweeps for sessions with unfinished turns that no live runner holds: at
// start (this process's own, before a restart) and then every third of a lease's time (a dead instance's).
import { pino, type Logger } from 'pino';
import type * as Y from 'yjs';
import { parseDocName } from '../../../src/lib/core/docnames';
import { DEFAULT_PERMISSION_MODE } from '../../../src/lib/core/tools';
import { memoryLeases, type TurnLeases } from '../cluster/lease';
import type { DocHost } from '../sync/host';
import { runnerConfig, type RunnerConfig, type RunnerOptions } from './config';
import { leaseGate } from './lease-gate';
import { TenantLimits, type TurnLimits } from './limits';
import { SessionWorker, type SessionDeps } from './session';
import { messagesEngine } from './engines/messages';
import { noTools, type ToolHost } from './tools';
import type { WorkList } from './worklist';
import type { ClientSource } from './client';
import { docKey } from '../sync/host';
import { indexedSession } from '../sync/index-doc';
import type { TurnMetrics } from '../metrics';

export interface RunnerDeps {
	host: DocHost;
	work: WorkList;
	/** Who runs which session's turns (default: this process runs them all). */
	leases?: TurnLeases;
	/** Per-tenant turn and prompt limits (default: counted in this process). */
	limits?: TurnLimits;
	/** The SDK client, or how to make it at the first Messages API turn. */
	client: ClientSource;
	config?: RunnerOptions;
	tools?: ToolHost;
	log?: Logger;
	now?: () => number;
	metrics?: TurnMetrics;
	/** The Claude Code engine with its process cap; without it, sessions of that engine run on the Messages API. */
	claudeCode?: SessionDeps['engines']['claude-code'];
	/** Told when a turn ends, fails or waits for a person (Web Push). */
	notify?: SessionDeps['notify'];
	/** Snapshots the session's files around each turn (checkpoints for rewind). */
	checkpoint?: SessionDeps['checkpoint'];
}

export interface Runner {
	readonly config: RunnerConfig;
	/** Follows the registry and resumes the documents with unfinished work. */
	start(): Promise<void>;
	/** Resolves once no session has a turn running or waiting (for tests and orderly shutdown). */
	settled(): Promise<void>;
	/** Stops live turns (they end `interrupted`; queued prompts stay queued for the next start). */
	stop(): Promise<void>;
}

export function createRunner(deps: RunnerDeps): Runner {
	const config = runnerConfig(deps.config);
	const log = (deps.log ?? pino({ level: 'silent' })).child({ module: 'runner' });
	const workers = new Map<string, SessionWorker>();
	let unsubscribe: (() => void) | undefined;

	const settingsOf = async (tenant: string, sessionId: string) => {
		const session = await indexedSession(deps.host, tenant, sessionId);
		return {
			model: session?.model || config.defaultModel,
			ended: session?.status === 'ended',
			// Sessions made before engines existed name none, and keep the light engine.
			engine: session?.engine ?? 'messages',
			mode: session?.permissionMode ?? DEFAULT_PERMISSION_MODE,
			workspace: session?.workspace,
			folderOf: session?.folderOf
		};
	};

	const now = deps.now ?? Date.now;
	const messages = { engine: messagesEngine({ client: deps.client, config, tools: deps.tools ?? noTools, now }) };
	const sessionDeps: SessionDeps = {
		host: deps.host,
		work: deps.work,
		limits: deps.limits ?? new TenantLimits(config.limits, deps.now),
		engines: { messages, 'claude-code': deps.claudeCode ?? messages },
		config,
		log,
		now,
		metrics: deps.metrics,
		notify: deps.notify,
		checkpoint: deps.checkpoint,
		settingsOf
	};

	const attach = (tenant: string, name: string, doc: Y.Doc): SessionWorker | undefined => {
		const parsed = parseDocName(name);
		if (parsed?.kind !== 'session') return undefined;
		const key = docKey(tenant, name);
		const existing = workers.get(key);
		// A worker closed because the lease was lost is replaced when the lease comes back.
		if (existing?.doc === doc && !existing.closed) return existing;
		void existing?.close();
		const worker = new SessionWorker(tenant, name, parsed.sessionId, doc, sessionDeps);
		workers.set(key, worker);
		doc.once('destroy', () => {
			if (workers.get(key) === worker) workers.delete(key);
		});
		return worker;
	};

	const leases = deps.leases ?? memoryLeases(deps.work);
	const gate = leaseGate({
		leases,
		host: deps.host,
		log,
		start: attach,
		notASession: (tenant, doc) => deps.work.setPending(tenant, doc, false),
		now: deps.now
	});
	const sweep = () => gate.sweep().catch((err: unknown) => log.error({ err }, 'lease sweep failed'));
	let sweepTimer: NodeJS.Timeout | undefined;

	return {
		config,
		async start() {
			unsubscribe = deps.host.onLoad((tenant, name, doc) => {
				if (parseDocName(name)?.kind === 'session') gate.loaded(tenant, name, doc);
			});
			await gate.sweep();
			sweepTimer = setInterval(sweep, Math.max(1, Math.floor(leases.ttlMs / 3)));
			sweepTimer.unref();
		},
		async settled() {
			await Promise.all([...workers.values()].map((w) => w.settled()));
		},
		async stop() {
			unsubscribe?.();
			clearInterval(sweepTimer);
			await Promise.all([...workers.values()].map((w) => w.close()));
			workers.clear();
			await gate.close();
		}
	};
}
