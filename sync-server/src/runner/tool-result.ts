// What a tool call leaves in the session: its output, capped so one call cannot bloat a document
// every device syncs (the text says what was cut, and Claude reads the same text), and its file
// changes, capped by the core's rules.
import { recordChange } from '../../../src/lib/core/changes';
import { newId } from '../../../src/lib/core/ids';
import type { NewMessage } from '../../../src/lib/core/ydoc';
import type { ToolCall, ToolOutcome } from './tools';

/** 64 KiB of UTF-16 text at most (one code unit is one character for the ASCII most output is). */
export const MAX_TOOL_OUTPUT_CHARS = 64 * 1024;

export function capOutput(text: string, max = MAX_TOOL_OUTPUT_CHARS): string {
	if (text.length <= max) return text;
	const note = (cut: number) => `\n[${cut} more characters of output are not kept: the session stores at most ${max} characters of a tool's output. Ask for a smaller part.]`;
	const kept = text.slice(0, max - note(text.length).length);
	return kept + note(text.length - kept.length);
}

export interface ResultContext {
	promptId: string;
	/** True when the turn was stopped while the call ran: the result is `interrupted`. */
	stopped: boolean;
	now: number;
}

export function toolResultMessage(call: ToolCall, outcome: ToolOutcome, ctx: ResultContext): NewMessage {
	// Kept even when stopped: a change on disk is recorded whatever became of the turn.
	const changes = outcome.changes?.length ? { changes: outcome.changes.map(recordChange) } : {};
	return {
		id: newId(ctx.now),
		kind: 'tool_result',
		text: ctx.stopped ? 'Stopped.' : capOutput(outcome.content),
		state: ctx.stopped ? 'interrupted' : 'done',
		createdAt: ctx.now,
		meta: { replyTo: ctx.promptId, toolUseId: call.id, toolName: call.name, isError: ctx.stopped || outcome.isError, ...changes }
	};
}
