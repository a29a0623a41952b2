// One turn: a queued prompt becomes `running`, Claude is asked (again after each round of tool use)
// until it ends its turn, and the prompt becomes `done` — also after a failure, which is written
// into the session as an error message and logged in full, so the session's queue goes on.
import type Anthropic from '@anthropic-ai/sdk';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import { readImage } from '../../../src/lib/core/images';
import { clearStop } from '../../../src/lib/core/turns';
import { appendMessage, listMessages, messageId, patchMessage, type YMessage } from '../../../src/lib/core/ydoc';
import type { RunnerConfig } from './config';
import { describeFailure } from './errors';
import { buildHistory } from './history';
import { streamRound, type RoundContext } from './round';
import { toolResultMessage } from './tool-result';
import type { ToolCall, ToolHost, ToolOutcome, ToolScope } from './tools';
import type { TurnMetrics } from '../metrics';

export interface TurnDeps {
	client: Anthropic;
	config: RunnerConfig;
	tools: ToolHost;
	log: Logger;
	now: () => number;
	metrics?: TurnMetrics;
}

export interface TurnInput extends ToolScope {
	doc: Y.Doc;
	prompt: YMessage;
	model: string;
	signal: AbortSignal;
}

export async function runTurn(input: TurnInput, deps: TurnDeps): Promise<void> {
	const { doc, prompt, sessionId } = input;
	const { config, now } = deps;
	const promptId = messageId(prompt);
	patchMessage(prompt, { state: 'running', meta: { waitReason: undefined } }, now());
	const round: RoundContext = {
		doc,
		promptId,
		client: deps.client,
		model: input.model,
		system: config.systemPrompt,
		maxTokens: config.maxTokens,
		tools: deps.tools.definitions(input),
		flushMs: config.flushMs,
		requestTimeoutMs: config.requestTimeoutMs,
		idleTimeoutMs: config.idleTimeoutMs,
		signal: input.signal,
		now
	};
	try {
		for (let rounds = 1; ; rounds++) {
			const result = await streamRound(round, buildHistory(listMessages(doc, sessionId), promptId, (hash) => readImage(doc, hash)));
			if (!result.ok) {
				if (!result.aborted) reportFailure(input, deps, result.error, result.requestId);
				return;
			}
			if (result.stopReason !== 'tool_use' || result.toolCalls.length === 0) return;
			if (rounds >= config.maxToolRounds) {
				note(input, deps, `Claude used tools ${rounds} times in this turn, the most one turn may. Send a prompt to let it go on.`);
				return;
			}
			if (!(await runTools(input, deps, result.toolCalls))) return;
		}
	} catch (error) {
		reportFailure(input, deps, error);
	} finally {
		doc.transact(() => {
			patchMessage(prompt, { state: 'done' }, now());
			clearStop(doc, promptId);
		});
	}
}

/** Runs Claude's tool calls in order and records each result; false when the turn was stopped meanwhile. */
async function runTools(input: TurnInput, deps: TurnDeps, calls: ToolCall[]): Promise<boolean> {
	for (const call of calls) {
		if (input.signal.aborted) return false;
		const outcome: ToolOutcome = await deps.tools
			.run(call, { tenant: input.tenant, sessionId: input.sessionId, doc: input.doc, signal: input.signal })
			.catch((error: unknown) => ({ content: `The tool failed: ${String((error as Error)?.message ?? error)}`, isError: true }));
		const stopped = input.signal.aborted;
		appendMessage(input.doc, toolResultMessage(call, outcome, { promptId: messageId(input.prompt), stopped, now: deps.now() }));
		if (stopped) return false;
	}
	return true;
}

function note(input: TurnInput, deps: TurnDeps, text: string): void {
	appendMessage(input.doc, { id: newId(deps.now()), kind: 'system', text, state: 'done', createdAt: deps.now(), meta: { replyTo: messageId(input.prompt) } });
}

function reportFailure(input: TurnInput, deps: TurnDeps, error: unknown, requestId?: string): void {
	const logId = randomBytes(6).toString('hex');
	const failure = describeFailure(error, { model: input.model, requestTimeoutMs: deps.config.requestTimeoutMs });
	deps.metrics?.upstreamErrors.inc({ reason: failure.reason });
	deps.log.error(
		{ err: error, logId, requestId, reason: failure.reason, tenant: input.tenant, sessionId: input.sessionId, promptId: messageId(input.prompt), model: input.model },
		'Claude turn failed'
	);
	appendMessage(input.doc, {
		id: newId(deps.now()),
		kind: 'error',
		text: `${failure.message} (Reference: ${logId})`,
		state: 'done',
		createdAt: deps.now(),
		meta: { replyTo: messageId(input.prompt), error: failure, logId, model: input.model, ...(requestId ? { requestId } : {}) }
	});
}
