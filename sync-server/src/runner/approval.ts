// The server's side of an approval: ask on the tool_call message, wait for the first answer any device
// writes (or for Stop), and record the decision there. The wait has no timeout: Stop ends it.
import type * as Y from 'yjs';
import { readAnswer, recordDecision, requestApproval, type RecordedAnswer } from '../../../src/lib/core/approvals';
import { controlMap } from '../../../src/lib/core/ydoc';

export type ApprovalOutcome = 'approved' | 'denied' | 'stopped' | 'no-call';

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

export async function awaitApproval(doc: Y.Doc, toolUseId: string, signal: AbortSignal, now: () => number): Promise<ApprovalOutcome> {
	if (!requestApproval(doc, toolUseId, now())) return 'no-call';
	const answer = await firstAnswer(doc, toolUseId, signal);
	if (!answer) {
		recordDecision(doc, toolUseId, { state: 'cancelled', at: now() }, now());
		return 'stopped';
	}
	const state = answer.answer === 'approve' ? 'approved' : 'denied';
	recordDecision(doc, toolUseId, { state, by: answer.by, at: now() }, now());
	return state;
}
