// The session and message model: defined once here, validated at every edge (Dexie, Yjs, HTTP).
import { z } from './zod';
import { ID_PATTERN } from './ids';
import { ImageRefSchema, MAX_IMAGES_PER_PROMPT } from './images';
import { FileChangeSchema, PERMISSION_MODES } from './tools';
import { RewindSchema } from './rewind';

export const MESSAGE_KINDS = ['user', 'assistant', 'tool_call', 'tool_result', 'error', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** user: queued → running → done; assistant: streaming → done | interrupted | error. */
export const MESSAGE_STATES = ['queued', 'running', 'streaming', 'done', 'interrupted', 'error'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export type Role = 'user' | 'assistant' | 'system';

/** The API role a kind belongs to: tool results travel back to Claude as user content. */
export function roleOf(kind: MessageKind): Role {
	switch (kind) {
		case 'user':
		case 'tool_result':
			return 'user';
		case 'assistant':
		case 'tool_call':
			return 'assistant';
		case 'error':
		case 'system':
			return 'system';
	}
}

/** Who runs a session's turns: the Claude Code agent (Agent SDK) or our own loop on the Messages API. */
export const ENGINES = ['claude-code', 'messages'] as const;
export type Engine = (typeof ENGINES)[number];

export const SESSION_STATUSES = ['active', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const id = z.string().regex(ID_PATTERN);
const millis = z.number().int().nonnegative();

export const UsageSchema = z.object({
	inputTokens: z.number().int().nonnegative(),
	outputTokens: z.number().int().nonnegative(),
	cacheReadTokens: z.number().int().nonnegative().default(0),
	cacheWriteTokens: z.number().int().nonnegative().default(0),
	/** True when the reply was cut before the upstream reported its output count: counted from what streamed. */
	outputEstimated: z.literal(true).optional()
});
export type Usage = z.infer<typeof UsageSchema>;

export const MessageErrorSchema = z.object({
	reason: z.string(),
	message: z.string(),
	status: z.number().int().optional(),
	retryable: z.boolean().optional()
});
export type MessageError = z.infer<typeof MessageErrorSchema>;

/** pending: waiting for a person; cancelled: the turn stopped (or the server restarted) before anyone answered. */
export const APPROVAL_STATES = ['pending', 'approved', 'denied', 'cancelled'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** On a tool_call message: whether a person let it run. Written only by the server (see approvals.ts). */
export const ApprovalSchema = z.object({
	state: z.enum(APPROVAL_STATES),
	/** The device whose answer decided. */
	by: z.string().max(100).optional(),
	/** When it was asked (pending) or decided. */
	at: millis.optional()
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** A FileChange as a session stores it: texts past the caps in changes.ts are dropped or cut, and named here. */
export const RecordedChangeSchema = FileChangeSchema.extend({
	truncated: z.array(z.enum(['before', 'after', 'patch'])).optional()
});
export type RecordedChange = z.infer<typeof RecordedChangeSchema>;

export const TODO_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const TodoSchema = z.object({
	content: z.string(),
	status: z.enum(TODO_STATUSES),
	activeForm: z.string().optional()
});
export type Todo = z.infer<typeof TodoSchema>;

/** What a pending tool_call asks of a person: run a tool, accept a plan (ExitPlanMode), or answer questions (AskUserQuestion). */
export const APPROVAL_KINDS = ['tool', 'plan', 'question'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const MessageMetaSchema = z
	.object({
		model: z.string(),
		usage: UsageSchema,
		stopReason: z.string(),
		durationMs: z.number().nonnegative(),
		/** The user message an assistant, tool or error message answers. */
		replyTo: id,
		toolName: z.string(),
		toolUseId: z.string(),
		toolInput: z.unknown(),
		isError: z.boolean(),
		error: MessageErrorSchema,
		/** Why a queued prompt has not started yet (a per-account limit); cleared when it runs. */
		waitReason: z.string(),
		/** On a user message: the interrupted or failed prompt this one runs again. */
		retryOf: id,
		/** The API's `request-id` of the request that produced an assistant message or error. */
		requestId: z.string(),
		/** The id under which the server logged an error in full. */
		logId: z.string(),
		/** On a tool_call. A value this version does not know is dropped rather than hiding the message. */
		approval: ApprovalSchema.optional().catch(undefined),
		/** On a tool_result of write or edit: what it changed, so diffs reach every device and read offline. */
		changes: z.array(RecordedChangeSchema).optional().catch(undefined),
		/** On messages a subagent (Task/Agent tool) produced: the tool_use id of the call they belong under. */
		parentToolUseId: z.string(),
		/** On the tool_call of TodoWrite: the agent's checklist as it stands after that call. */
		todos: z.array(TodoSchema).optional().catch(undefined),
		/** On a tool_call whose `approval` is set; absent means 'tool'. */
		approvalKind: z.enum(APPROVAL_KINDS).optional().catch(undefined),
		/** On an interrupted reply: someone's Stop cut it (not a restart of the server). */
		stopped: z.boolean(),
		/** On a system message announcing that Claude Code compacted the conversation's context. */
		compaction: z.boolean(),
		/** On a user message: its images, whose bytes the session doc keeps by hash (see images.ts). */
		images: z.array(ImageRefSchema).max(MAX_IMAGES_PER_PROMPT).optional().catch(undefined),
		/** On a system message recording a rewind of the session's files (see rewind.ts). */
		rewind: RewindSchema.optional().catch(undefined),
		/** On the last reply of a Claude Code turn: the turn's last entry in Claude Code's transcript, where a fork resumes. */
		agentUuid: z.string()
	})
	.partial();
export type MessageMeta = z.infer<typeof MessageMetaSchema>;

export const MessageSchema = z.object({
	id,
	sessionId: id,
	kind: z.enum(MESSAGE_KINDS),
	text: z.string(),
	state: z.enum(MESSAGE_STATES),
	createdAt: millis,
	updatedAt: millis,
	meta: MessageMetaSchema
});
export type Message = z.infer<typeof MessageSchema>;

export const SessionSchema = z.object({
	id,
	title: z.string().trim().min(1).max(200),
	createdAt: millis,
	updatedAt: millis,
	status: z.enum(SESSION_STATUSES),
	model: z.string().min(1).max(100),
	workspace: z.string().max(4096).optional(),
	/** Absent means `ask`; a mode this version does not know reads as absent (so, ask) rather than hiding the session. */
	permissionMode: z.enum(PERMISSION_MODES).optional().catch(undefined),
	/** Absent means `messages`: sessions made before engines existed keep the light engine and their history. */
	engine: z.enum(ENGINES).optional().catch(undefined),
	/** Without `workspace`: the session whose own folder this one works in (forks made before `filesFrom` shared their origin's). */
	folderOf: id.optional(),
	/**
	 * A fork without `workspace`: its own folder starts as a copy of this session's folder with the files
	 * as they were before this prompt (the server makes it on first use).
	 */
	filesFrom: z.object({ sessionId: id, promptId: id }).optional().catch(undefined),
	/** Set by the server while a tool call of this session waits for a person, so devices without the session open see it. */
	awaitingApproval: z.boolean().optional()
});
export type Session = z.infer<typeof SessionSchema>;

export const MAX_PROMPT_CHARS = 100_000;
export const PromptSchema = z.string().trim().min(1, 'The prompt is empty').max(MAX_PROMPT_CHARS);

/**
 * Facts about a session's Claude Code agent, written by the server from `system/init` (Y.Map `agent`
 * of the session doc). `sessionId` is Claude Code's own id, resumed by every turn. `forkOf`, written by
 * the device that made a fork, is where the fork's first turn branches off the original's conversation.
 */
export const AgentInfoSchema = z
	.object({
		sessionId: z.string(),
		version: z.string(),
		model: z.string(),
		tools: z.array(z.string()),
		slashCommands: z.array(z.string()),
		mcpServers: z.array(z.object({ name: z.string(), status: z.string() })),
		permissionMode: z.string(),
		/** The folder Claude Code works in (absolute, on the server): its tool paths are shown relative to it. */
		cwd: z.string(),
		forkOf: z.object({ sessionId: z.string(), at: z.string() })
	})
	.partial();
export type AgentInfo = z.infer<typeof AgentInfoSchema>;
