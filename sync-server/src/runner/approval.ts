// The server's side of an approval: ask on the tool_call message, wait for the first answer any device
// writes (or for Stop), and record the decision there. The wait has no timeout: Stop ends it.
import type * as Y from 'yjs';
import { findToolCall, readAnswer, recordDecision, requestApproval, type RecordedAnswer } from '../../../src/lib/core/approvals';
import type { ApprovalKind } from '../../../src/lib/core/model';
import { controlMap, messagesArray } from '../../../src/lib/core/ydoc';
import type { ApprovalAnswer } from './engine';

function firstAnswer(doc: Y.Doc, toolUseId: string, signal: AbortSignal): Promise<RecordedAnswer | null> {
	return new Promise((resolve) => {
		const control = controlMap(doc);
		const finish = (answer: RecordedAnswer | null) => {
			control.unobserve(check);
			signal.removeEventListener('abort', onAbort);
			resolve(answer);
		};
		// Observers run once per transaction, so the answer taken is the first the server saw land.
		const check = () => {
			const answer = readAnswer(doc, toolUseId);
			if (answer) finish(answer);
		};
		const onAbort = () => finish(null);
		control.observe(check);
		signal.addEventListener('abort', onAbort);
		if (signal.aborted) onAbort();
		else check();
	});
}

/** An engine may ask before the runner has written the call it asks about (Claude Code's canUseTool): wait for it. */
function untilToolCall(doc: Y.Doc, toolUseId: string, signal: AbortSignal): Promise<boolean> {
	if (findToolCall(doc, toolUseId)) return Promise.resolve(true);
	return new Promise((resolve) => {
		const messages = messagesArray(doc);
		const finish = (found: boolean) => {
			messages.unobserve(check);
			signal.removeEventListener('abort', onAbort);
			resolve(found);
		};
		const check = () => findToolCall(doc, toolUseId) && finish(true);
		const onAbort = () => finish(false);
		messages.observe(check);
		signal.addEventListener('abort', onAbort);
		if (signal.aborted) onAbort();
	});
}

/** `onAsked` runs once the call is marked pending, before any answer can land. */
export async function awaitApproval(
	doc: Y.Doc,
	toolUseId: string,
	signal: AbortSignal,
	now: () => number,
	kind: ApprovalKind = 'tool',
	onAsked?: () => void
): Promise<ApprovalAnswer> {
	if (!(await untilToolCall(doc, toolUseId, signal))) return { decision: 'stopped' };
	if (!requestApproval(doc, toolUseId, now(), kind)) return { decision: 'no-call' };
	onAsked?.();
	const answer = await firstAnswer(doc, toolUseId, signal);
	if (!answer) {
		recordDecision(doc, toolUseId, { state: 'cancelled', at: now() }, now());
		return { decision: 'stopped' };
	}
	const decision = answer.answer === 'approve' ? 'approved' : 'denied';
	recordDecision(doc, toolUseId, { state: decision, by: answer.by, at: now() }, now());
	return { decision, answer };
}
