// How the runner reaches tools: the definitions offered to Claude and a way to run one call.
// The workspace layer implements it; without one, Claude is offered no tools.
import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import type * as Y from 'yjs';
import type { FileChange } from '../../../src/lib/core/tools';
import type { EngineTurn } from './engine';

export interface ToolScope {
	tenant: string;
	sessionId: string;
}

export interface ToolCall {
	id: string;
	name: string;
	input: unknown;
}

export interface ToolOutcome {
	content: string;
	isError: boolean;
	/** Files the call changed; the runner records them (capped) on the tool_result message. */
	changes?: FileChange[];
}

export interface ToolRunScope extends ToolScope {
	/** The session document the turn writes to (where approvals are asked and answered). */
	doc: Y.Doc;
	signal: AbortSignal;
	/** Asks a person about this call (the runner marks it pending in the document until the first answer). */
	approve: EngineTurn['approve'];
}

export interface ToolHost {
	definitions(scope: ToolScope): Tool[];
	/** Runs one call; a rejection is reported to Claude as an error result. */
	run(call: ToolCall, scope: ToolRunScope): Promise<ToolOutcome>;
}

export const noTools: ToolHost = {
	definitions: () => [],
	run: async (call) => ({ content: `No tool named "${call.name}" is available in this session.`, isError: true })
};
