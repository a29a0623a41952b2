// Scripted replies of the fake Anthropic server, and how one is played onto an HTTP response:
// a streamed message event by event (text and tool input in small deltas), or an error, a hang, a drop.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	defaultErrorMessage,
	errorType,
	estimateTokens,
	newMessageId,
	newToolUseId,
	sendError,
	startEventStream,
	writeEvent,
	type ApiErrorBody
} from './protocol';

/** A tool call in a scripted reply; without an id the fake makes one up. */
export interface ScriptedCall {
	name: string;
	input: Record<string, unknown>;
	id?: string;
}

export type ScriptedBlock = { type: 'text'; text: string } | ({ type: 'tool_use' } & ScriptedCall);

export interface ScriptedUsage {
	input_tokens: number;
	output_tokens: number;
	cache_read_input_tokens: number;
	cache_creation_input_tokens: number;
}

export type ScriptedReply =
	| {
			type: 'message';
			content: ScriptedBlock[];
			/** Defaults to `tool_use` when a tool_use block is present, else `end_turn`. */
			stopReason?: string;
			usage?: Partial<ScriptedUsage>;
			/** Characters per text delta (default 8). */
			chunkChars?: number;
			/** Pause before each delta, in milliseconds (default 0). */
			delayMs?: number;
			/**
			 * How the stream ends: as the API does, with `event: error`, a dropped socket, never, or a body that
			 * ends cleanly without `message_stop` (what a proxy that cuts long responses sends).
			 */
			end?: 'complete' | 'error' | 'drop' | 'hang' | 'truncated';
			error?: ApiErrorBody;
	  }
	| { type: 'error'; status: number; errorType?: string; message?: string; retryAfterSeconds?: number }
	/** Accepts the request and never answers (until the client gives up). */
	| { type: 'hang' }
	/** Closes the connection before any response. */
	| { type: 'drop' };

/** A text delta as it left the fake, for measuring how long it takes to reach a device. */
export interface SentDelta {
	text: string;
	at: number;
}

export interface PlayContext {
	res: ServerResponse;
	requestId: string;
	model: string;
	inputTokens: number;
	stream: boolean;
	/** True once the client has closed the connection: stop writing. */
	closed: () => boolean;
	sent: SentDelta[];
}

export function textReply(text: string, options: Partial<Extract<ScriptedReply, { type: 'message' }>> = {}): ScriptedReply {
	return { type: 'message', content: [{ type: 'text', text }], ...options };
}

/** A reply that makes these tool calls (give them ids so a test can name them). */
export function toolUse(...calls: ScriptedCall[]): ScriptedReply {
	return { type: 'message', content: calls.map((call) => ({ type: 'tool_use' as const, ...call })) };
}

export async function play(reply: ScriptedReply, ctx: PlayContext): Promise<void> {
	switch (reply.type) {
		case 'error': {
			const type = reply.errorType ?? errorType(reply.status);
			sendError(ctx.res, reply.status, { type, message: reply.message ?? defaultErrorMessage(type) }, ctx.requestId, reply.retryAfterSeconds);
			return;
		}
		case 'hang':
			return;
		case 'drop':
			ctx.res.socket?.destroy();
			return;
		case 'message':
			if (ctx.stream) await streamMessage(reply, ctx);
			else sendMessage(reply, ctx);
	}
}

// Made at the first reply: a segmenter pulls ICU's break rules into memory, which a server never asked for one does not need.
let graphemes: Intl.Segmenter | undefined;

/** Deltas of about `size` characters that never split a character (an emoji, a flag, an accent). */
export function chunks(text: string, size: number): string[] {
	const out: string[] = [];
	let current = '';
	graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
	for (const { segment } of graphemes.segment(text)) {
		if (current.length + segment.length > size && current !== '') {
			out.push(current);
			current = '';
		}
		current += segment;
	}
	if (current !== '') out.push(current);
	return out;
}

type MessageReply = Extract<ScriptedReply, { type: 'message' }>;

function blocksOf(reply: MessageReply) {
	return reply.content.map((b) => (b.type === 'tool_use' ? { ...b, id: b.id ?? newToolUseId() } : b));
}

function usageOf(reply: MessageReply, ctx: PlayContext): ScriptedUsage {
	return {
		input_tokens: ctx.inputTokens,
		output_tokens: estimateTokens(reply.content.map((b) => (b.type === 'text' ? b.text : b.input))),
		cache_read_input_tokens: 0,
		cache_creation_input_tokens: 0,
		...reply.usage
	};
}

const stopReasonOf = (reply: MessageReply) =>
	reply.stopReason ?? (reply.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');

function sendMessage(reply: MessageReply, ctx: PlayContext): void {
	const content = blocksOf(reply);
	const body = {
		id: newMessageId(),
		type: 'message',
		role: 'assistant',
		model: ctx.model,
		content,
		stop_reason: stopReasonOf(reply),
		stop_sequence: null,
		usage: usageOf(reply, ctx)
	};
	ctx.res.writeHead(200, { 'content-type': 'application/json', 'request-id': ctx.requestId });
	ctx.res.end(JSON.stringify(body));
}

async function streamMessage(reply: MessageReply, ctx: PlayContext): Promise<void> {
	const { res } = ctx;
	const usage = usageOf(reply, ctx);
	const pause = async () => {
		if (reply.delayMs) await sleep(reply.delayMs);
		return !ctx.closed();
	};
	startEventStream(res, ctx.requestId);
	writeEvent(res, 'message_start', {
		message: {
			id: newMessageId(),
			type: 'message',
			role: 'assistant',
			model: ctx.model,
			content: [],
			stop_reason: null,
			stop_sequence: null,
			usage: { ...usage, output_tokens: 1 }
		}
	});
	writeEvent(res, 'ping', {});
	for (const [index, block] of blocksOf(reply).entries()) {
		if (block.type === 'text') {
			writeEvent(res, 'content_block_start', { index, content_block: { type: 'text', text: '' } });
			for (const text of chunks(block.text, reply.chunkChars ?? 8)) {
				if (!(await pause())) return;
				// Stamped before the write: on a loaded machine the process may be preempted right after it,
				// and a later stamp would make the delta look as if it arrived before it was sent.
				const at = performance.now();
				writeEvent(res, 'content_block_delta', { index, delta: { type: 'text_delta', text } });
				ctx.sent.push({ text, at });
			}
		} else {
			writeEvent(res, 'content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
			for (const partial_json of chunks(JSON.stringify(block.input), reply.chunkChars ?? 8)) {
				if (!(await pause())) return;
				writeEvent(res, 'content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } });
			}
		}
		writeEvent(res, 'content_block_stop', { index });
	}
	finish(reply, ctx, usage);
}

function finish(reply: MessageReply, ctx: PlayContext, usage: ScriptedUsage): void {
	const { res } = ctx;
	switch (reply.end ?? 'complete') {
		case 'complete':
			writeEvent(res, 'message_delta', { delta: { stop_reason: stopReasonOf(reply), stop_sequence: null }, usage });
			writeEvent(res, 'message_stop', {});
			res.end();
			return;
		case 'error':
			writeEvent(res, 'error', { error: reply.error ?? { type: 'overloaded_error', message: 'Overloaded' } });
			res.end();
			return;
		case 'drop':
			// The events written so far still leave, then the connection ends without the stream's end.
			res.socket?.destroySoon();
			return;
		case 'truncated':
			res.end();
			return;
		case 'hang':
			return;
	}
}
