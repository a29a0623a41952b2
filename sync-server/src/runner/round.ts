// One request to Claude, streamed into the session document as it arrives: text into an assistant
// message (batched), each tool call as its own message, then usage, stop reason, model and duration.
// Whatever happens, nothing it wrote is left `streaming`.
import { APIError, type Anthropic } from '@anthropic-ai/sdk';
import type { Message as ApiMessage, MessageParam, Tool, Usage as ApiUsage } from '@anthropic-ai/sdk/resources/messages';
import type * as Y from 'yjs';
import { newId } from '../../../src/lib/core/ids';
import type { MessageMeta, MessageState, Usage } from '../../../src/lib/core/model';
import { appendMessage, messageState, patchMessage, type YMessage } from '../../../src/lib/core/ydoc';
import { IdleTimeoutError, StreamCutError } from './errors';
import { TextBatcher } from './text-batcher';
import type { ToolCall } from './tools';

export interface RoundContext {
	doc: Y.Doc;
	promptId: string;
	client: Anthropic;
	model: string;
	system: string;
	maxTokens: number;
	tools: Tool[];
	flushMs: number;
	requestTimeoutMs: number;
	idleTimeoutMs: number;
	/** Aborted when the person stops the turn or the server shuts down. */
	signal: AbortSignal;
	now: () => number;
}

export type RoundResult =
	| { ok: true; stopReason: string; toolCalls: ToolCall[] }
	| { ok: false; aborted: true }
	| { ok: false; aborted: false; error: unknown; requestId?: string };

const toUsage = (u: ApiUsage | undefined): Usage | undefined =>
	u && {
		inputTokens: u.input_tokens ?? 0,
		outputTokens: u.output_tokens ?? 0,
		cacheReadTokens: u.cache_read_input_tokens ?? 0,
		cacheWriteTokens: u.cache_creation_input_tokens ?? 0
	};

const toolCalls = (message: ApiMessage): ToolCall[] =>
	message.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, input: b.input }] : []));

export async function streamRound(ctx: RoundContext, messages: MessageParam[]): Promise<RoundResult> {
	const { doc, promptId } = ctx;
	const started = ctx.now();
	const controller = new AbortController();
	const stop = () => controller.abort();
	ctx.signal.addEventListener('abort', stop);
	if (ctx.signal.aborted) controller.abort();

	let idle: ReturnType<typeof setTimeout> | undefined;
	let silent: IdleTimeoutError | undefined;
	// Re-armed on every stream event: refreshing one timer costs far less per token than a new one.
	const arm = () => {
		if (idle) idle.refresh();
		else
			idle = setTimeout(() => {
				silent = new IdleTimeoutError(ctx.idleTimeoutMs);
				controller.abort();
			}, ctx.idleTimeoutMs);
	};

	let reply: YMessage | undefined;
	let batcher: TextBatcher | undefined;
	let snapshot: ApiMessage | undefined;
	const calls = new Map<number, YMessage>();
	const newReply = (kind: 'assistant' | 'tool_call', state: MessageState, meta: MessageMeta) =>
		appendMessage(doc, { id: newId(ctx.now()), kind, text: '', state, createdAt: ctx.now(), meta: { replyTo: promptId, ...meta } });

	const stream = ctx.client.messages.stream(
		{ model: ctx.model, max_tokens: ctx.maxTokens, system: ctx.system, messages, ...(ctx.tools.length ? { tools: ctx.tools } : {}) },
		{ signal: controller.signal, timeout: ctx.requestTimeoutMs }
	);
	stream.on('connect', arm);
	let ended = false;
	stream.on('streamEvent', (event, current) => {
		arm();
		snapshot = current;
		ended ||= event.type === 'message_stop';
		if (event.type === 'message_start') {
			reply = newReply('assistant', 'streaming', { model: current.model });
			batcher = new TextBatcher(doc, reply, ctx.flushMs);
		} else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
			batcher?.push(event.delta.text);
		} else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
			batcher?.flush();
			const { name, id } = event.content_block;
			calls.set(event.index, newReply('tool_call', 'streaming', { toolName: name, toolUseId: id }));
		} else if (event.type === 'content_block_stop') {
			const block = current.content[event.index];
			const call = calls.get(event.index);
			if (call && block?.type === 'tool_use') patchMessage(call, { state: 'done', meta: { toolInput: block.input } }, ctx.now());
		}
	});

	const close = (state: MessageState, meta: MessageMeta) => {
		const finish = () => {
			if (reply) patchMessage(reply, { state, meta: { durationMs: ctx.now() - started, requestId: stream.request_id ?? undefined, ...meta } }, ctx.now());
			for (const call of calls.values()) if (messageState(call) === 'streaming') patchMessage(call, { state: 'interrupted' }, ctx.now());
		};
		if (batcher) batcher.flush(finish);
		else doc.transact(finish);
	};

	try {
		const final = await stream.finalMessage();
		if (final.stop_reason === null) throw new StreamCutError();
		close('done', { model: final.model, usage: toUsage(final.usage), stopReason: final.stop_reason });
		return { ok: true, stopReason: final.stop_reason, toolCalls: toolCalls(final) };
	} catch (error) {
		const aborted = ctx.signal.aborted && !silent;
		// A stop before Claude's first word still leaves an interrupted reply: that is what offers Retry.
		if (aborted && !reply) newReply('assistant', 'interrupted', { model: ctx.model });
		else close(aborted ? 'interrupted' : 'error', { usage: toUsage(snapshot?.usage) });
		if (aborted) return { ok: false, aborted: true };
		const requestId = (error as { requestID?: string }).requestID ?? stream.request_id ?? undefined;
		// The SDK's own complaint about a body that ended early (not an API error) means the connection was cut.
		const cut = !ended && !(error instanceof APIError) && stream.response ? new StreamCutError() : error;
		return { ok: false, aborted: false, error: silent ?? cut, requestId };
	} finally {
		clearTimeout(idle);
		ctx.signal.removeEventListener('abort', stop);
	}
}
