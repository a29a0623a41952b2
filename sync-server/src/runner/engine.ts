// The seam between the runner and whoever answers a prompt. An engine turns a prompt plus the session's
// state into a stream of events; the runner (writer.ts) alone writes them into the session document,
// and the turn machine (core/turn-machine.ts) decides how the turn ends. Engines: engines/messages.ts
// (our loop on the Messages API) and engines/claude-code.ts (the Claude Agent SDK).
import type * as Y from 'yjs';
import type { RecordedAnswer } from '../../../src/lib/core/approvals';
import type { AgentInfo, ApprovalKind, MessageMeta } from '../../../src/lib/core/model';
import type { PermissionMode } from '../../../src/lib/core/tools';
import type { ReplyEnd } from '../../../src/lib/core/turn-machine';
import type { ToolOutcome, ToolScope } from './tools';

export type EngineEvent =
	/** An assistant message begins; `key` names it for the text and end events that follow. */
	| { type: 'reply-start'; key: string; meta?: MessageMeta }
	| { type: 'text'; key: string; delta: string }
	| { type: 'reply-end'; key: string; state: ReplyEnd; meta?: MessageMeta }
	/** A tool call appears (streaming while its input arrives) or is complete; later events update it. */
	| { type: 'tool-call'; toolUseId: string; name: string; state: 'streaming' | 'done' | 'interrupted'; input?: unknown; meta?: MessageMeta }
	| { type: 'tool-result'; toolUseId: string; name: string; outcome: ToolOutcome; stopped: boolean; meta?: MessageMeta }
	/** A system message in the stream (a limit reached, context compacted). */
	| { type: 'note'; text: string; meta?: MessageMeta }
	/** The turn failed; the runner turns `error` into a message with a remedy (errors.ts). */
	| { type: 'failure'; error: unknown; requestId?: string }
	/** Facts about the agent (Claude Code's session id, commands, MCP servers) for the session doc. */
	| { type: 'agent'; info: AgentInfo };

export type ApprovalAnswer = { decision: 'approved' | 'denied'; answer: RecordedAnswer } | { decision: 'stopped' | 'no-call' };

export interface EngineTurn extends ToolScope {
	/** The session document, read-only for engines (history, settings); writes go through events. */
	doc: Y.Doc;
	promptId: string;
	text: string;
	model: string;
	/** The session's permission mode when the turn started. */
	mode: PermissionMode;
	/** The session's own folder setting (absent: its folder under DATA_DIR). */
	workspace: string | undefined;
	/** Without `workspace`: the session whose folder under DATA_DIR this one works in (a fork's origin). */
	folderOf?: string;
	/** Aborted when a person presses Stop or the server shuts down. */
	signal: AbortSignal;
	/** Asks the people of the session about a tool call already written by a `tool-call` event. */
	approve(toolUseId: string, kind: ApprovalKind): Promise<ApprovalAnswer>;
	/** Changes the session's permission mode for every device and later turns (a plan was approved). */
	setMode(mode: PermissionMode): Promise<void>;
}

export interface Engine {
	run(turn: EngineTurn): AsyncIterable<EngineEvent>;
}
