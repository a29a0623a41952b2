// Asking a person before a tool changes files or runs a command, from any device of the tenant.
// The server marks the tool_call message `meta.approval = pending`; a device answers under
// `approval:<toolUseId>` in the session doc's `control` map; the server takes the first answer it
// observes and records the decision on the tool_call message. Concurrent answers may leave either
// value in the map, but only the server writes `meta.approval`, so every device shows one outcome.
import type * as Y from 'yjs';
import { z } from './zod';
import type { Approval, ApprovalKind, Message } from './model';
import { controlMap, messagesArray, patchMessage, type YMessage } from './ydoc';

const KEY = 'approval:';
const MAX_LABEL = 100;
export const MAX_ANSWER_MESSAGE = 10_000;

export type ApprovalAnswer = 'approve' | 'deny';

const AnswerSchema = z.object({
	answer: z.enum(['approve', 'deny']),
	by: z.string().max(MAX_LABEL),
	at: z.number().int().nonnegative(),
	/** Why a person denied, or their feedback on a plan: passed to Claude as the deny message. */
	message: z.string().max(MAX_ANSWER_MESSAGE).optional(),
	/** AskUserQuestion: question text → the chosen label(s) joined by ", ", or the typed answer. */
	answers: z.record(z.string(), z.string().max(MAX_ANSWER_MESSAGE)).optional()
});
export type RecordedAnswer = z.infer<typeof AnswerSchema>;

/** The tool_call message of a tool use, scanning from the end where live turns are. */
export function findToolCall(doc: Y.Doc, toolUseId: string): YMessage | undefined {
	const messages = messagesArray(doc);
	for (let i = messages.length - 1; i >= 0; i--) {
		const ymap = messages.get(i);
		const meta = ymap.get('meta') as Message['meta'] | undefined;
		if (ymap.get('kind') === 'tool_call' && meta?.toolUseId === toolUseId) return ymap;
	}
	return undefined;
}

const approvalIn = (ymap: YMessage) => (ymap.get('meta') as Message['meta'] | undefined)?.approval;

/** Server: marks the call as waiting for a person (to run a tool, accept a plan or answer questions); false when there is no such tool_call message. */
export function requestApproval(doc: Y.Doc, toolUseId: string, now = Date.now(), kind: ApprovalKind = 'tool'): boolean {
	const call = findToolCall(doc, toolUseId);
	if (!call) return false;
	patchMessage(call, { meta: { approval: { state: 'pending', at: now }, ...(kind === 'tool' ? {} : { approvalKind: kind }) } }, now);
	return true;
}

export type AnswerResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-pending' | 'already-answered' };

export interface AnswerExtra {
	message?: string;
	answers?: Record<string, string>;
}

/** Device: answers a pending call, unless this device already sees an answer (the first one it sees stands). */
export function answerApproval(
	doc: Y.Doc,
	toolUseId: string,
	answer: ApprovalAnswer,
	deviceLabel: string,
	now = Date.now(),
	extra: AnswerExtra = {}
): AnswerResult {
	const call = findToolCall(doc, toolUseId);
	if (!call) return { ok: false, reason: 'not-found' };
	if (approvalIn(call)?.state !== 'pending') return { ok: false, reason: 'not-pending' };
	if (readAnswer(doc, toolUseId)) return { ok: false, reason: 'already-answered' };
	const by = deviceLabel.trim().slice(0, MAX_LABEL) || 'a device';
	const recorded: RecordedAnswer = { answer, by, at: now };
	const message = extra.message?.trim().slice(0, MAX_ANSWER_MESSAGE);
	if (message) recorded.message = message;
	if (extra.answers) {
		recorded.answers = Object.fromEntries(Object.entries(extra.answers).map(([q, a]) => [q, a.slice(0, MAX_ANSWER_MESSAGE)]));
	}
	controlMap(doc).set(KEY + toolUseId, recorded);
	return { ok: true };
}

/** The answer a device wrote, if any (and well formed). */
export function readAnswer(doc: Y.Doc, toolUseId: string): RecordedAnswer | undefined {
	const parsed = AnswerSchema.safeParse(controlMap(doc).get(KEY + toolUseId));
	return parsed.success ? parsed.data : undefined;
}

/** Server: records the outcome on the tool_call and clears the answer, in one transaction. */
export function recordDecision(doc: Y.Doc, toolUseId: string, approval: Approval & { state: Exclude<Approval['state'], 'pending'> }, now = Date.now()): void {
	doc.transact(() => {
		const call = findToolCall(doc, toolUseId);
		if (call) patchMessage(call, { meta: { approval } }, now);
		if (controlMap(doc).has(KEY + toolUseId)) controlMap(doc).delete(KEY + toolUseId);
	});
}

export function approvalOf(message: Message): Approval | undefined {
	return message.kind === 'tool_call' ? message.meta.approval : undefined;
}

/**
 * The tool calls waiting for a person now, oldest first: pending, not yet answered by a result, and
 * in a turn that is still running (a stopped or restarted turn no longer waits, whatever its mark says).
 */
export function pendingApprovals(messages: Message[]): Message[] {
	const answered = new Set(messages.flatMap((m) => (m.kind === 'tool_result' && m.meta.toolUseId ? [m.meta.toolUseId] : [])));
	const ended = new Set(messages.flatMap((m) => (m.kind === 'user' && m.state !== 'running' ? [m.id] : [])));
	return messages.filter(
		(m) =>
			approvalOf(m)?.state === 'pending' &&
			!(m.meta.toolUseId && answered.has(m.meta.toolUseId)) &&
			!(m.meta.replyTo && ended.has(m.meta.replyTo))
	);
}

/**
 * Server, when no turn of this process is live in the document: nothing waits any more, so pending
 * calls become cancelled and every answer in the control map is stale (one may land after the decision,
 * from a device that answered offline). Returns how many calls it cancelled.
 */
export function cancelStaleApprovals(doc: Y.Doc, now = Date.now()): number {
	let cancelled = 0;
	doc.transact(() => {
		for (const ymap of messagesArray(doc)) {
			if (ymap.get('kind') !== 'tool_call' || approvalIn(ymap)?.state !== 'pending') continue;
			patchMessage(ymap, { meta: { approval: { state: 'cancelled', at: now } } }, now);
			cancelled++;
		}
		const control = controlMap(doc);
		for (const key of [...control.keys()]) if (key.startsWith(KEY)) control.delete(key);
	});
	return cancelled;
}
