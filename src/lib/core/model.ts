// The session and message model: defined once here, validated at every edge (Dexie, Yjs, HTTP).
import { z } from 'zod';
import { ID_PATTERN } from './ids';

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

export const SESSION_STATUSES = ['active', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const id = z.string().regex(ID_PATTERN);
const millis = z.number().int().nonnegative();

export const UsageSchema = z.object({
	inputTokens: z.number().int().nonnegative(),
	outputTokens: z.number().int().nonnegative(),
	cacheReadTokens: z.number().int().nonnegative().default(0),
	cacheWriteTokens: z.number().int().nonnegative().default(0)
});
export type Usage = z.infer<typeof UsageSchema>;

export const MessageErrorSchema = z.object({
	reason: z.string(),
	message: z.string(),
	status: z.number().int().optional(),
	retryable: z.boolean().optional()
});
export type MessageError = z.infer<typeof MessageErrorSchema>;

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
		logId: z.string()
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
	workspace: z.string().max(4096).optional()
});
export type Session = z.infer<typeof SessionSchema>;

export const MAX_PROMPT_CHARS = 100_000;
export const PromptSchema = z.string().trim().min(1, 'The prompt is empty').max(MAX_PROMPT_CHARS);
