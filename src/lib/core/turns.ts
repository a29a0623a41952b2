// What a device asks of the server about a turn (stop it, run it again) and what a session has cost.
// Requests live in the session doc's `control` map, keyed per prompt so concurrent devices merge;
// a retry is a new queued prompt with `meta.retryOf`, so it queues, syncs offline and runs once like any.
import type * as Y from 'yjs';
import { answerApproval, pendingApprovals } from './approvals';
import { newId } from './ids';
import type { Message, Usage } from './model';
import { costOf } from './prices';
import { appendMessage, controlMap, listMessages, type YMessage } from './ydoc';

const STOP = 'stop:';

/** Asks the server to stop the turn of a prompt (running, or queued and not yet started). */
export function requestStop(doc: Y.Doc, promptId: string, now = Date.now()): void {
	controlMap(doc).set(STOP + promptId, now);
}

export function isStopRequested(doc: Y.Doc, promptId: string): boolean {
	return controlMap(doc).has(STOP + promptId);
}

/** The server clears a request once the turn has ended, so the map does not grow. */
export function clearStop(doc: Y.Doc, promptId: string): void {
	if (isStopRequested(doc, promptId)) controlMap(doc).delete(STOP + promptId);
}

/** What the server passes Claude for a call a person can no longer answer. */
export const SESSION_ENDED = 'session ended';

/**
 * A session ends: each call waiting for a person is denied, then its running turn is stopped. Each is
 * its own transaction, so the server records the denial before the stop cancels whatever is left.
 */
export function endTurns(doc: Y.Doc, sessionId: string, by: string, now = Date.now()): void {
	const messages = listMessages(doc, sessionId);
	for (const call of pendingApprovals(messages)) {
		if (call.meta.toolUseId) answerApproval(doc, call.meta.toolUseId, 'deny', by, now, { message: SESSION_ENDED });
	}
	const running = runningPrompt(messages);
	if (running) requestStop(doc, running.id, now);
}

/** The messages a prompt's turn wrote (assistant text, tool calls and results, errors), in order. */
export function repliesTo(messages: Message[], promptId: string): Message[] {
	return messages.filter((m) => m.meta.replyTo === promptId);
}

export type TurnOutcome = 'queued' | 'running' | 'done' | 'interrupted' | 'error';

export function turnOutcome(messages: Message[], prompt: Message): TurnOutcome {
	if (prompt.state === 'queued' || prompt.state === 'running') return prompt.state;
	const replies = repliesTo(messages, prompt.id);
	if (replies.some((m) => m.kind === 'error' || m.state === 'error')) return 'error';
	if (replies.some((m) => m.state === 'interrupted')) return 'interrupted';
	return 'done';
}

/** The prompt whose turn is running now: what a Stop button ends. */
export function runningPrompt(messages: Message[]): Message | undefined {
	return messages.find((m) => m.kind === 'user' && m.state === 'running');
}

/** A turn cut off (stopped, restarted server) or failed can run again, once. */
export function canRetry(messages: Message[], prompt: Message): boolean {
	const outcome = turnOutcome(messages, prompt);
	if (outcome !== 'interrupted' && outcome !== 'error') return false;
	return !messages.some((m) => m.meta.retryOf === prompt.id);
}

/** Queues the prompt again; the runner leaves the earlier attempt out of what it sends Claude. */
export function retryPrompt(doc: Y.Doc, prompt: Message, now = Date.now(), id = newId(now)): YMessage {
	return appendMessage(doc, {
		id,
		kind: 'user',
		text: prompt.text,
		state: 'queued',
		createdAt: now,
		meta: { retryOf: prompt.id }
	});
}

export interface SessionTotals extends Usage {
	/** Sum over the priced models; see `unpriced`. */
	costUsd: number;
	/** True when some usage came from a model without a price, so `costUsd` is a lower bound. */
	unpriced: boolean;
	/** API requests made (one per assistant message with usage). */
	requests: number;
}

/** What a session without any usage has cost. */
export const NO_USAGE: Readonly<SessionTotals> = {
	inputTokens: 0,
	outputTokens: 0,
	cacheReadTokens: 0,
	cacheWriteTokens: 0,
	costUsd: 0,
	unpriced: false,
	requests: 0
};

export function sessionTotals(messages: Message[]): SessionTotals {
	const totals: SessionTotals = { ...NO_USAGE };
	for (const { meta } of messages) {
		if (!meta.usage) continue;
		totals.inputTokens += meta.usage.inputTokens;
		totals.outputTokens += meta.usage.outputTokens;
		totals.cacheReadTokens += meta.usage.cacheReadTokens;
		totals.cacheWriteTokens += meta.usage.cacheWriteTokens;
		totals.requests += 1;
		const cost = costOf(meta.model ?? '', meta.usage);
		if (cost === undefined) totals.unpriced = true;
		else totals.costUsd += cost;
	}
	return totals;
}
