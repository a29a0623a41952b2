// Claude Code's message stream (SDKMessage) as engine events: stream events give the live text and
// tool calls, complete assistant messages give tool inputs (and any text the stream did not carry),
// user messages carry tool results, system messages the agent's facts and compactions, and `result`
// the turn's duration and stop reason (or its failure).
import type { SDKMessage, SDKResultMessage } from '@anthropic-ai/claude-agent-sdk';
import type { MessageMeta, Todo } from '../../../../../src/lib/core/model';
import { cutUsage, toUsage, type ApiUsage } from '../usage';
import type { EngineEvent } from '../../engine';
import { AgentResultError } from '../../errors';
import { upstreamText } from '../../redact';

function todosOf(input: unknown): Todo[] | undefined {
	const todos = (input as { todos?: unknown } | undefined)?.todos;
	return Array.isArray(todos) ? (todos as Todo[]) : undefined;
}

/** The model Claude Code names on replies it wrote itself rather than the API (errors, notices). */
const SYNTHETIC = '<synthetic>';

function resultText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((b: { type?: string; text?: string }) => (b.type === 'text' ? (b.text ?? '') : b.type ? `[${b.type}]` : '')).join('\n');
}

export interface ToolResultSeen {
	toolUseId: string;
	name: string;
	text: string;
	isError: boolean;
	parentToolUseId?: string;
}

interface OpenReply {
	model: string;
	usage?: ApiUsage;
	stopReason?: string;
	/** The upstream's own output count arrived (a message_delta that ends the reply). */
	reported?: boolean;
	streamedChars: number;
}

const usageOf = (open: OpenReply) => (open.reported ? toUsage(open.usage) : cutUsage(toUsage(open.usage), open.streamedChars));

/** Keeps what one turn's stream has shown so far, so each message becomes the events it adds. */
export class Translator {
	/** Replies opened from stream events, by API message id: usage as it arrives. */
	readonly #open = new Map<string, OpenReply>();
	/** Stream index → tool use, per message, for the input that completes on content_block_stop. */
	readonly #names = new Map<string, string>();
	#current: string | undefined;
	#lastReply: string | undefined;
	/** The turn's last entry in Claude Code's transcript (main thread), where a fork can resume. */
	#lastUuid: string | undefined;

	constructor(
		private readonly model: string,
		/** Redacted from Claude Code's own replies, which quote an API error's body (see redact.ts). */
		private readonly secrets: readonly string[] = []
	) {}

	/** Events for one SDK message; tool results are returned apart, since their changes are read from disk. */
	events(message: SDKMessage): { events: EngineEvent[]; results: ToolResultSeen[]; result?: SDKResultMessage } {
		const parent = 'parent_tool_use_id' in message && message.parent_tool_use_id ? { parentToolUseId: message.parent_tool_use_id } : {};
		if ((message.type === 'assistant' || message.type === 'user') && !message.parent_tool_use_id && message.uuid) this.#lastUuid = message.uuid;
		switch (message.type) {
			case 'stream_event':
				return { events: this.#stream(message.event, parent), results: [] };
			case 'assistant':
				return { events: this.#assistant(message.message, parent), results: [] };
			case 'user':
				return { events: [], results: this.#results(message.message.content, parent) };
			case 'system':
				return { events: this.#system(message), results: [] };
			case 'result':
				return { events: this.#result(message), results: [], result: message };
			default:
				return { events: [], results: [] };
		}
	}

	/** What is still open when the turn ends without message_stop (Stop, a dead process). */
	close(state: 'interrupted' | 'error'): EngineEvent[] {
		const out: EngineEvent[] = [];
		for (const [key, open] of this.#open) {
			const usage = usageOf(open);
			out.push({ type: 'reply-end', key, state, ...(usage ? { meta: { usage } } : {}) });
		}
		this.#open.clear();
		return out;
	}

	#stream(event: Extract<SDKMessage, { type: 'stream_event' }>['event'], parent: MessageMeta): EngineEvent[] {
		switch (event.type) {
			case 'message_start': {
				const key = event.message.id;
				this.#current = key;
				this.#open.set(key, { model: event.message.model ?? this.model, usage: event.message.usage as ApiUsage, streamedChars: 0 });
				return [{ type: 'reply-start', key, meta: { model: event.message.model ?? this.model, ...parent } }];
			}
			case 'content_block_start':
				if (event.content_block.type !== 'tool_use') return [];
				this.#names.set(event.content_block.id, event.content_block.name);
				return [{ type: 'tool-call', toolUseId: event.content_block.id, name: event.content_block.name, state: 'streaming', meta: parent }];
			case 'content_block_delta': {
				const open = this.#current ? this.#open.get(this.#current) : undefined;
				if (open && event.delta.type === 'input_json_delta') open.streamedChars += event.delta.partial_json.length;
				if (event.delta.type !== 'text_delta' || !this.#current) return [];
				if (open) open.streamedChars += event.delta.text.length;
				return [{ type: 'text', key: this.#current, delta: event.delta.text }];
			}
			case 'message_delta': {
				const open = this.#current ? this.#open.get(this.#current) : undefined;
				if (open) {
					open.usage = { ...open.usage, ...(event.usage as ApiUsage) };
					// On Stop, Claude Code closes the reply itself: a message_delta without a stop reason, repeating message_start's placeholder.
					open.reported = event.delta.stop_reason !== null;
					open.stopReason = event.delta.stop_reason ?? undefined;
				}
				return [];
			}
			case 'message_stop': {
				const key = this.#current;
				const open = key ? this.#open.get(key) : undefined;
				if (!key || !open) return [];
				this.#current = undefined;
				// Closed by Claude Code on Stop (no stop reason): the reply stays open, so close() ends it
				// interrupted with its partial text, the one row that shows the cut and offers Retry.
				if (open.reported === false) return [];
				this.#open.delete(key);
				this.#lastReply = key;
				return [{ type: 'reply-end', key, state: 'done', meta: { model: open.model, usage: usageOf(open), ...(open.stopReason ? { stopReason: open.stopReason } : {}) } }];
			}
			default:
				return [];
		}
	}

	#assistant(message: Extract<SDKMessage, { type: 'assistant' }>['message'], parent: MessageMeta): EngineEvent[] {
		const out: EngineEvent[] = [];
		for (const block of message.content) {
			if (block.type === 'tool_use') {
				this.#names.set(block.id, block.name);
				const todos = block.name === 'TodoWrite' ? todosOf(block.input) : undefined;
				out.push({ type: 'tool-call', toolUseId: block.id, name: block.name, state: 'done', input: block.input, meta: { ...parent, ...(todos ? { todos } : {}) } });
			} else if (block.type === 'text' && block.text && !this.#open.has(message.id) && this.#lastReply !== message.id) {
				// Text the stream did not carry (a subagent's, or Claude Code's own "API Error: …"): one complete reply.
				const key = `${message.id}:${out.length}`;
				const text = message.model === SYNTHETIC ? upstreamText(block.text, this.secrets) : block.text;
				out.push({ type: 'reply-start', key, meta: { model: message.model, ...parent } }, { type: 'text', key, delta: text }, { type: 'reply-end', key, state: 'done' });
			}
		}
		return out;
	}

	#results(content: unknown, parent: MessageMeta): ToolResultSeen[] {
		if (!Array.isArray(content)) return [];
		return content.flatMap((block: { type?: string; tool_use_id?: string; content?: unknown; is_error?: boolean }) =>
			block.type === 'tool_result' && block.tool_use_id
				? [{ toolUseId: block.tool_use_id, name: this.#names.get(block.tool_use_id) ?? 'tool', text: resultText(block.content), isError: block.is_error === true, ...parent }]
				: []
		);
	}

	#system(message: Extract<SDKMessage, { type: 'system' }>): EngineEvent[] {
		if (message.subtype === 'init') {
			return [
				{
					type: 'agent',
					info: {
						sessionId: message.session_id,
						version: message.claude_code_version,
						model: message.model,
						tools: message.tools,
						slashCommands: message.slash_commands,
						mcpServers: message.mcp_servers.map(({ name, status }) => ({ name, status })),
						permissionMode: message.permissionMode,
						cwd: message.cwd
					}
				}
			];
		}
		if (message.subtype === 'compact_boundary') {
			const { trigger, pre_tokens } = message.compact_metadata;
			const how = trigger === 'manual' ? 'as asked' : 'because it was getting long';
			return [{ type: 'note', text: `Claude Code compacted the conversation ${how} (${pre_tokens} tokens before).`, meta: { compaction: true } }];
		}
		return [];
	}

	#result(message: SDKResultMessage): EngineEvent[] {
		const meta: MessageMeta = {
			durationMs: message.duration_ms,
			...(message.stop_reason ? { stopReason: message.stop_reason } : {}),
			...(this.#lastUuid ? { agentUuid: this.#lastUuid } : {})
		};
		if (message.subtype === 'success' && !message.is_error) {
			// The turn's duration and final stop reason go on its last reply (usage is on each reply already).
			return this.#lastReply ? [{ type: 'reply-end', key: this.#lastReply, state: 'done', meta }] : [];
		}
		const detail = 'errors' in message ? message.errors.join('; ') : 'result' in message ? String(message.result) : '';
		return [{ type: 'failure', error: new AgentResultError(message.subtype, ('api_error_status' in message ? (message.api_error_status as number | null) : null) ?? undefined, detail) }];
	}
}
