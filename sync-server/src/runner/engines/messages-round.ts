// One request to Claude on the Messages API, as engine events while it streams: an assistant reply
// (text deltas), each tool call as it starts and once its input is complete, then usage, stop reason,
// model and duration on the reply's end. Whatever happens, nothing it opened is left streaming.
import type { Anthropic } from '@anthropic-ai/sdk';
// The error classes alone (a small module of the SDK), so importing this file does not load the SDK.
import { APIError } from '@anthropic-ai/sdk/error';
import type { Message as ApiMessage, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { MessageMeta } from '../../../../src/lib/core/model';
import type { ReplyEnd } from '../../../../src/lib/core/turn-machine';
import { Channel } from '../channel';
import { cutUsage, toUsage } from './usage';
import type { EngineEvent } from '../engine';
import { IdleTimeoutError, StreamCutError } from '../errors';
import type { ToolCall } from '../tools';

export interface RoundContext {
	client: Anthropic;
	model: string;
	system: string;
	maxTokens: number;
	tools: Tool[];
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

const toolCalls = (message: ApiMessage): ToolCall[] =>
	message.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, input: b.input }] : []));

let rounds = 0;

export async function* streamRound(ctx: RoundContext, messages: MessageParam[]): AsyncGenerator<EngineEvent, RoundResult> {
	const started = ctx.now();
	const key = `round-${++rounds}`;
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

	const events = new Channel<EngineEvent>();
	let replying = false;
	let snapshot: ApiMessage | undefined;
	// Until a message_delta reports usage, the output count is message_start's placeholder; count what streamed instead.
	let outputReported = false;
	let streamedChars = 0;
	const calls = new Map<number, { id: string; name: string; open: boolean }>();

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
		outputReported ||= event.type === 'message_delta';
		if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') streamedChars += event.delta.text.length;
		if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') streamedChars += event.delta.partial_json.length;
		if (event.type === 'message_start') {
			replying = true;
			events.push({ type: 'reply-start', key, meta: { model: current.model } });
		} else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
			events.push({ type: 'text', key, delta: event.delta.text });
		} else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
			const { name, id } = event.content_block;
			calls.set(event.index, { id, name, open: true });
			events.push({ type: 'tool-call', toolUseId: id, name, state: 'streaming' });
		} else if (event.type === 'content_block_stop') {
			const block = current.content[event.index];
			const call = calls.get(event.index);
			if (call && block?.type === 'tool_use') {
				call.open = false;
				events.push({ type: 'tool-call', toolUseId: call.id, name: call.name, state: 'done', input: block.input });
			}
		}
	});

	const close = (state: ReplyEnd, meta: MessageMeta) => {
		if (replying) events.push({ type: 'reply-end', key, state, meta: { durationMs: ctx.now() - started, requestId: stream.request_id ?? undefined, ...meta } });
		for (const call of calls.values()) if (call.open) events.push({ type: 'tool-call', toolUseId: call.id, name: call.name, state: 'interrupted' });
		events.end();
	};

	const outcome = stream.finalMessage().then(
		(final): RoundResult => {
			if (final.stop_reason === null) throw new StreamCutError();
			close('done', { model: final.model, usage: toUsage(final.usage), stopReason: final.stop_reason });
			return { ok: true, stopReason: final.stop_reason, toolCalls: toolCalls(final) };
		}
	).catch((error: unknown): RoundResult => {
		const aborted = ctx.signal.aborted && !silent;
		const usage = toUsage(snapshot?.usage);
		close(aborted ? 'interrupted' : 'error', { usage: outputReported ? usage : cutUsage(usage, streamedChars) });
		if (aborted) return { ok: false, aborted: true };
		const requestId = (error as { requestID?: string }).requestID ?? stream.request_id ?? undefined;
		// The SDK's own complaint about a body that ended early (not an API error) means the connection was cut.
		const cut = !ended && !(error instanceof APIError) && stream.response ? new StreamCutError() : error;
		return { ok: false, aborted: false, error: silent ?? cut, requestId };
	});

	try {
		yield* events;
		return await outcome;
	} finally {
		clearTimeout(idle);
		ctx.signal.removeEventListener('abort', stop);
	}
}
