// One turn: the engine of the session answers the prompt as a stream of events, the writer puts them
// into the document, and the turn machine ends the turn — done, interrupted (Stop, shutdown) or error
// (written as an error message with a remedy and logged in full) — so the session's queue goes on.
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { ApprovalKind } from '../../../src/lib/core/model';
import type { PermissionMode } from '../../../src/lib/core/tools';
import type { DocTurn } from '../../../src/lib/core/turn-doc';
import { isStopRequested } from '../../../src/lib/core/turns';
import type { DocHost } from '../sync/host';
import { awaitApproval } from './approval';
import { flagAwaitingApproval } from './approval-flag';
import { setSessionMode } from './session-mode';
import type { RunnerConfig } from './config';
import type { ApprovalAnswer, Engine } from './engine';
import type { ToolScope } from './tools';
import { TurnWriter } from './writer';
import type { TurnMetrics } from '../metrics';

/** What people may want to hear about when they are not looking: a turn ended, failed or waits for them. */
export interface TurnNotice {
	tenant: string;
	sessionId: string;
	doc: Y.Doc;
	promptId: string;
	event: 'done' | 'error' | 'approval';
	/** The tool call that waits (approval). */
	toolUseId?: string;
}

export interface TurnDeps {
	host: DocHost;
	config: RunnerConfig;
	log: Logger;
	now: () => number;
	metrics?: TurnMetrics;
	/** Told of each notice as it happens; must not block or throw (Web Push sends in the background). */
	notify?: (notice: TurnNotice) => void;
	/**
	 * Records the session's files just before a turn's engine starts and just before the turn ends (so a
	 * turn seen ended has its checkpoints); must not throw.
	 */
	checkpoint?(scope: { tenant: string; sessionId: string; workspace: string | undefined; folderOf?: string }, promptId: string, when: 'before' | 'after'): Promise<void>;
}

export interface TurnInput extends ToolScope {
	doc: Y.Doc;
	turn: DocTurn;
	text: string;
	model: string;
	mode: PermissionMode;
	workspace: string | undefined;
	folderOf?: string;
	engine: Engine;
	signal: AbortSignal;
}

export async function runTurn(input: TurnInput, deps: TurnDeps): Promise<void> {
	const { doc, turn, signal } = input;
	const writer = new TurnWriter({
		doc,
		turn,
		tenant: input.tenant,
		sessionId: input.sessionId,
		model: input.model,
		flushMs: deps.config.flushMs,
		requestTimeoutMs: deps.config.requestTimeoutMs,
		secrets: deps.config.secrets,
		log: deps.log,
		now: deps.now,
		metrics: deps.metrics
	});
	const approve = (toolUseId: string, kind: ApprovalKind) => askPeople(input, deps, toolUseId, kind);
	const scope = { tenant: input.tenant, sessionId: input.sessionId, workspace: input.workspace, folderOf: input.folderOf };
	await deps.checkpoint?.(scope, turn.promptId, 'before');
	try {
		const setMode = (mode: PermissionMode) => setSessionMode(deps.host, input.tenant, input.sessionId, mode, deps.now());
		const events = input.engine.run({ ...input, promptId: turn.promptId, approve, setMode });
		for await (const event of events) writer.write(event);
	} catch (error) {
		if (!signal.aborted) writer.fail(error);
	} finally {
		writer.flush();
		await deps.checkpoint?.(scope, turn.promptId, 'after');
		const outcome = signal.aborted ? 'interrupted' : writer.failed ? 'error' : 'done';
		turn.apply({ type: 'end', outcome, stopRequested: isStopRequested(doc, turn.promptId) });
		// A Stop was someone's own doing: only an ending they did not ask for is news.
		if (outcome !== 'interrupted') deps.notify?.({ tenant: input.tenant, sessionId: input.sessionId, doc, promptId: turn.promptId, event: outcome });
	}
}

/** Marks the call pending (and the session in the index, for devices without it open) until the first answer or Stop. */
async function askPeople(input: TurnInput, deps: TurnDeps, toolUseId: string, kind: ApprovalKind): Promise<ApprovalAnswer> {
	const flag = (on: boolean) =>
		flagAwaitingApproval(deps.host, input.tenant, input.sessionId, on, deps.now()).catch((err: unknown) =>
			deps.log.error({ err, tenant: input.tenant, sessionId: input.sessionId }, 'could not mark the approval in the index')
		);
	await flag(true);
	try {
		const notice = { tenant: input.tenant, sessionId: input.sessionId, doc: input.doc, promptId: input.turn.promptId, toolUseId };
		return await awaitApproval(input.doc, toolUseId, input.signal, deps.now, kind, () => deps.notify?.({ ...notice, event: 'approval' }));
	} finally {
		await flag(false);
	}
}
