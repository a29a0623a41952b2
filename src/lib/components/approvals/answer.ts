// What an approval card hands to the bar when a person answers: the choice, its extras, and the words
// this device shows until the server records the decision.
import type { AnswerExtra, ApprovalAnswer } from '$lib/core/approvals';

export interface Answer {
	choice: ApprovalAnswer;
	extra?: AnswerExtra;
	/** e.g. "Approved", "Plan sent back". */
	sent: string;
}
