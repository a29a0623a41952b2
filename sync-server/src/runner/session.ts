// Runs one session document's queued prompts, one turn at a time, in document order. It watches the
// document for new prompts and stop requests, holds it loaded while it has work, and keeps the work
// list's pending mark in step so a restarted server resumes it.
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Engine as EngineName } from '../../../src/lib/core/model';
import type { PermissionMode } from '../../../src/lib/core/tools';
import { DocTurn, recoverTurns } from '../../../src/lib/core/turn-doc';
import { isStopRequested } from '../../../src/lib/core/turns';
import { controlMap, messageId, messagesArray, messageState, patchMessage, type YMessage } from '../../../src/lib/core/ydoc';
import type { DocHost, HeldDoc } from '../sync/host';
import { flagAwaitingApproval } from './approval-flag';
import { insertsQueuedPrompt } from './queued';
import type { Engine } from './engine';
import type { Admission, TurnLimits } from './limits';
import { touchSession } from './touch';
import { runTurn, type TurnDeps } from './turn';
import type { WorkList } from './worklist';

export interface SessionSettings {
	model: string;
	ended: boolean;
	engine: EngineName;
	mode: PermissionMode;
	workspace: string | undefined;
	/** A fork without its own `workspace`: the session whose folder it works in. */
	folderOf?: string;
}

export interface SessionDeps extends TurnDeps {
	host: DocHost;
	work: WorkList;
	limits: TurnLimits;
	/** The engine that runs a session's turns, and what else it needs before one starts (an agent process slot). */
	engines: Record<EngineName, { engine: Engine; admit?: () => Admission; onRelease?: (listener: () => void) => () => void }>;
	/** The session's model, engine, mode and folder, and whether it has ended, from the tenant's index document. */
	settingsOf(tenant: string, sessionId: string): Promise<SessionSettings>;
}

const RETRY_AFTER_FAILURE_MS = 5_000;

export class SessionWorker {
	#pump: Promise<void> | undefined;
	#current: { promptId: string; controller: AbortController } | undefined;
	#held: HeldDoc | undefined;
	/** Unknown until first written: a stale mark left by an earlier process is cleared too. */
	#pending: boolean | undefined;
	#store: Promise<void> = Promise.resolve();
	#wake: (() => void) | undefined;
	#closed = false;
	/** Prompts this worker has run: a second copy of one (same id) is never run again. */
	readonly #ran = new Set<string>();
	readonly #log: Logger;
	readonly #stopObserving: () => void;

	constructor(
		readonly tenant: string,
		readonly name: string,
		readonly sessionId: string,
		readonly doc: Y.Doc,
		private readonly deps: SessionDeps
	) {
		this.#log = deps.log.child({ tenant, doc: name });
		// Only a new queued prompt is work; the worker finds the rest itself (prompts queued while it runs).
		const onMessages = (_event: unknown, transaction: Y.Transaction) => {
			if (insertsQueuedPrompt(doc, transaction)) this.kick();
		};
		const onControl = () => {
			if (this.#current && isStopRequested(doc, this.#current.promptId)) this.#current.controller.abort();
			this.#wake?.();
		};
		messagesArray(doc).observe(onMessages);
		controlMap(doc).observe(onControl);
		doc.on('destroy', () => void this.close());
		this.#stopObserving = () => {
			messagesArray(doc).unobserve(onMessages);
			controlMap(doc).unobserve(onControl);
		};
		this.kick();
	}

	/** Looks for work soon, outside the Yjs observer that noticed it. */
	kick(): void {
		if (this.#closed) return;
		if (this.#pump) return this.#wake?.();
		this.#pump = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => this.#run());
	}

	/** The start-up resume: looks for work, then lets go of the opener's hold (the worker takes its own). */
	resume(opened: HeldDoc): void {
		this.kick();
		opened.release();
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Resolves once the worker has nothing running and its store writes are done. */
	async settled(): Promise<void> {
		while (this.#pump) await this.#pump;
		await this.#store;
	}

	/** Stops the live turn (it ends `interrupted`), waits for the worker to settle, and lets go of the document. */
	async close(): Promise<void> {
		if (this.#closed) return this.#pump;
		this.#closed = true;
		this.#stopObserving();
		this.#current?.controller.abort();
		this.#wake?.();
		await this.#pump;
		this.#release();
		await this.#store;
	}

	async #run(): Promise<void> {
		let failed = false;
		try {
			// No turn of this process is live here now, so anything still streaming was cut off.
			if (recoverTurns(this.doc, this.deps.now).length > 0) await this.#clearApprovalMark();
			for (let prompt = this.#next(); prompt && !this.#closed; prompt = this.#next()) {
				this.#mark(true);
				if (!(await this.#hold())) return;
				const queuedWith = await this.deps.settingsOf(this.tenant, this.sessionId);
				const admission = await this.#admit(prompt, queuedWith.engine);
				if (!admission) continue;
				try {
					// Read again once admitted: a prompt that waited for a slot runs with the mode and model of
					// now. An engine switched meanwhile needs that engine's slot, so the prompt is admitted again.
					const settings = await this.deps.settingsOf(this.tenant, this.sessionId);
					if (settings.engine === queuedWith.engine) await this.#turn(prompt, settings);
				} finally {
					admission.release();
				}
			}
		} catch (error) {
			failed = true;
			this.#log.error({ err: error }, 'session worker failed');
		} finally {
			this.#pump = undefined;
			if (this.#closed) this.#release();
			// After a failure (the store or registry refused), try again later rather than in a tight loop.
			else if (failed) setTimeout(() => this.kick(), RETRY_AFTER_FAILURE_MS).unref();
			else if (this.#next()) this.kick();
			else {
				this.#mark(false);
				this.#release();
			}
		}
	}

	/** The first queued prompt in document order; settles duplicates and prompts stopped before they ran. */
	#next(): YMessage | undefined {
		const seen = new Set<string>();
		for (const ymap of messagesArray(this.doc)) {
			if (ymap.get('kind') !== 'user') continue;
			const id = messageId(ymap);
			const copy = seen.has(id) || this.#ran.has(id);
			seen.add(id);
			if (messageState(ymap) !== 'queued') continue;
			if (copy) {
				patchMessage(ymap, { state: 'done' }, this.deps.now());
			} else if (isStopRequested(this.doc, id)) {
				this.#cancel(ymap);
			} else {
				return ymap;
			}
		}
		return undefined;
	}

	#cancel(prompt: YMessage): void {
		new DocTurn(this.doc, prompt, this.deps.now).apply({ type: 'start', sessionEnded: false, stopRequested: true });
	}

	/**
	 * Waits while the tenant is over a limit, or the engine has no free slot (MAX_AGENTS), saying why on
	 * the prompt; undefined if it should not run now.
	 */
	async #admit(prompt: YMessage, engine: EngineName): Promise<{ release(): void } | undefined> {
		const { admit, onRelease } = this.deps.engines[engine];
		for (;;) {
			if (this.#closed || messageState(prompt) !== 'queued' || isStopRequested(this.doc, messageId(prompt))) return undefined;
			const tenant = await this.deps.limits.tryStart(this.tenant);
			const slot = tenant.ok && admit ? admit() : undefined;
			if (tenant.ok && (!slot || slot.ok)) {
				return { release: () => (tenant.release(), slot?.ok && slot.release()) };
			}
			if (tenant.ok) tenant.release();
			const refusal = !tenant.ok ? tenant : (slot as Extract<Admission, { ok: false }>);
			const meta = prompt.get('meta') as { waitReason?: string } | undefined;
			if (meta?.waitReason !== refusal.reason) patchMessage(prompt, { meta: { waitReason: refusal.reason } }, this.deps.now());
			// Refused with a tenant slot in hand: the engine's slot (MAX_AGENTS) is what it waits for.
			const waiting = tenant.ok ? this.deps.metrics?.agentPromptsWaiting : undefined;
			this.deps.metrics?.turnsQueued.inc();
			waiting?.inc();
			await new Promise<void>((resolve) => {
				const done = () => {
					clearTimeout(timer);
					unsubscribe?.();
					unsubscribeSlot?.();
					this.#wake = undefined;
					resolve();
				};
				const timer = refusal.retryAt === undefined ? undefined : setTimeout(done, Math.max(0, refusal.retryAt - this.deps.now()));
				// Wait for what refused: a tenant slot given back while waiting for an engine slot must not wake
				// this prompt (with limits shared through the database, that release comes back as a wake-up).
				const unsubscribe = tenant.ok ? undefined : this.deps.limits.onRelease(done);
				const unsubscribeSlot = tenant.ok ? onRelease?.(done) : undefined;
				this.#wake = done;
			}).finally(() => {
				this.deps.metrics?.turnsQueued.dec();
				waiting?.dec();
			});
		}
	}

	async #turn(prompt: YMessage, settings: SessionSettings): Promise<void> {
		const promptId = messageId(prompt);
		this.#ran.add(promptId);
		const turn = new DocTurn(this.doc, prompt, this.deps.now);
		turn.apply({ type: 'start', sessionEnded: settings.ended, stopRequested: isStopRequested(this.doc, promptId) });
		if (turn.state.phase !== 'running') return;
		const controller = new AbortController();
		this.#current = { promptId, controller };
		try {
			const { model, mode, workspace, folderOf } = settings;
			const engine = this.deps.engines[settings.engine].engine;
			const text = prompt.get('text')?.toString() ?? '';
			// The prompt is running before the first await, so the index bump announces a running turn.
			this.deps.metrics?.turnsRunning.inc();
			const timing = this.deps.metrics?.turnSeconds.startTimer();
			await Promise.all([
				runTurn({ tenant: this.tenant, sessionId: this.sessionId, doc: this.doc, turn, text, model, mode, workspace, folderOf, engine, signal: controller.signal }, this.deps),
				this.#touch()
			]).finally(() => {
				timing?.();
				this.deps.metrics?.turnsRunning.dec();
			});
		} finally {
			this.#current = undefined;
			await this.#touch();
		}
	}

	/** The index mark is a hint for other devices: failing to set it does not stop the turn. */
	async #touch(): Promise<void> {
		await touchSession(this.deps.host, this.tenant, this.sessionId, this.deps.now()).catch((err: unknown) =>
			this.#log.error({ err }, 'could not mark the session changed in the index')
		);
	}

	/** A cut-off turn may have left the index saying a call waits for a person; nothing does now. */
	async #clearApprovalMark(): Promise<void> {
		await flagAwaitingApproval(this.deps.host, this.tenant, this.sessionId, false, this.deps.now()).catch((err: unknown) =>
			this.#log.error({ err }, 'could not clear the approval mark in the index')
		);
	}

	async #hold(): Promise<boolean> {
		if (this.#held) return true;
		const held = await this.deps.host.open(this.tenant, this.name);
		if (held.doc !== this.doc || this.#closed) {
			// The registry has a newer copy of this document, with its own worker: this one retires.
			held.release();
			this.#closed = true;
			this.#stopObserving();
			return false;
		}
		this.#held = held;
		return true;
	}

	#release(): void {
		this.#held?.release();
		this.#held = undefined;
	}

	/** Store writes go one after another, so a quick true-false-true ends as true. */
	#mark(pending: boolean): void {
		if (this.#pending === pending) return;
		this.#pending = pending;
		this.#store = this.#store
			.then(() => this.deps.work.setPending(this.tenant, this.name, pending))
			.catch((err: unknown) => this.#log.error({ err }, 'could not record pending work'));
	}
}
