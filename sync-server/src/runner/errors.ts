// Turns whatever a Claude request threw into a stable reason and a message that tells the person what
// happened and what to do. The full error goes to the server log; the session gets this. Either way the
// upstream's words are cut and redacted first (redact.ts).
// The SDK's error module only: the client (and the rest of the SDK) loads at the first turn, not with this file.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk/error';
import type { ImageError } from '../../../src/lib/core/images';
import type { MessageError } from '../../../src/lib/core/model';
import { redact, upstreamText } from './redact';

/** Thrown by the runner when a stream ends without `message_stop` (the connection closed early). */
export class StreamCutError extends Error {
	constructor() {
		super('The stream ended before message_stop');
	}
}

/** Thrown by the runner when a stream goes silent for longer than the idle timeout. */
export class IdleTimeoutError extends Error {
	constructor(readonly ms: number) {
		super(`No stream event for ${ms} ms`);
	}
}

/** Thrown while building a request when the prompt's images are missing or outside the limits. */
export class ImageRefusedError extends Error {
	constructor(readonly failure: ImageError) {
		super(failure.message);
	}
}

export interface FailureContext {
	model: string;
	requestTimeoutMs: number;
	/** Never quoted, whatever an error says (the configured API key). */
	secrets?: readonly string[];
}

/** A prompt whose `@` mentions name files Claude Code must not read: refused before it runs. */
export class MentionRefusedError extends Error {}

/** A Claude Code process that ended without finishing the turn (it crashed, or could not start). */
export class AgentExitError extends Error {}

/** A Claude Code turn whose `result` reported a failure: the API status when the API refused, and its words. */
export class AgentResultError extends Error {
	constructor(
		readonly subtype: string,
		readonly status: number | undefined,
		detail: string
	) {
		super(detail || subtype);
	}
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} seconds`;
const detail = (e: APIError, ctx: FailureContext) => upstreamText(e.apiMessage ?? e.message, ctx.secrets);

const fail = (reason: string, message: string, retryable: boolean, status?: number): MessageError =>
	status === undefined ? { reason, message, retryable } : { reason, message, retryable, status };

function fromStatus(status: number, said: string, ctx: FailureContext): MessageError {
	switch (status) {
		case 400:
			return fail('request-invalid', `The API rejected the request (400): ${said}. Change the prompt, or start a new session if the conversation itself is the problem, then send again.`, false, status);
		case 401:
			return fail('key-refused', 'Anthropic refused the server’s API key (401). Whoever runs the server should check ANTHROPIC_API_KEY (a key from console.anthropic.com) and restart it, then press Retry.', false, status);
		case 403:
			return fail('permission-denied', `The API key is not allowed to do this (403): ${said}. Choose another model for the session, or check the key’s permissions in the Anthropic console.`, false, status);
		case 404:
			return fail('not-found', `The API did not find what was asked for (404): ${said}. The session’s model (${ctx.model}) may not exist; choose another model.`, false, status);
		case 413:
			return fail('request-too-large', 'The conversation is too large to send (413). Start a new session, or send a shorter prompt.', false, status);
		case 429:
			return fail('rate-limited', 'The API key’s rate limit was reached (429) and retrying did not get through. Wait a minute, then press Retry.', true, status);
		case 529:
			return fail('overloaded', 'Claude is overloaded right now (529) and retrying did not help. Wait a moment, then press Retry.', true, status);
	}
	if (status >= 500) {
		return fail('api-error', `The Anthropic API had an internal error (${status}). Press Retry; if it keeps failing, check status.claude.com.`, true, status);
	}
	return fail('request-failed', `The API refused the request (${status}): ${said}.`, false, status);
}

/** An `event: error` inside a stream that had started: no HTTP status, only the error's type. */
function fromStreamEvent(e: APIError, ctx: FailureContext): MessageError {
	if (e.type === 'overloaded_error') {
		return fail('overloaded', 'Claude became overloaded in the middle of the reply. What arrived is kept; wait a moment, then press Retry.', true);
	}
	return fail('stream-error', `The reply was cut off by an error from the API (${e.type ?? 'error'}: ${detail(e, ctx)}). What arrived is kept; press Retry.`, true);
}

function causes(error: unknown): unknown[] {
	const out: unknown[] = [];
	for (let e = error; e instanceof Error && out.length < 5; e = e.cause) out.push(e);
	return out;
}

const CONNECTION = /terminated|other side closed|socket|ECONNRESET|EPIPE/i;

export function describeFailure(error: unknown, ctx: FailureContext): MessageError {
	const failure = describe(error, ctx);
	// The words quoted below are cut and redacted already; this also covers any other text an error carries.
	return { ...failure, message: redact(failure.message, ctx.secrets) };
}

function describe(error: unknown, ctx: FailureContext): MessageError {
	if (error instanceof ImageRefusedError) return fail(error.failure.reason, error.failure.message, error.failure.reason === 'image-missing');
	if (error instanceof IdleTimeoutError) {
		return fail('timeout', `The Anthropic API went silent for ${seconds(error.ms)} in the middle of the reply. What arrived is kept; press Retry.`, true);
	}
	if (error instanceof APIConnectionTimeoutError) {
		return fail('timeout', `The Anthropic API did not answer within ${seconds(ctx.requestTimeoutMs)}. Press Retry; if it keeps happening, check the server’s network.`, true);
	}
	if (error instanceof APIConnectionError) {
		return fail('network', 'The server could not reach the Anthropic API. Check the server’s internet connection (or ANTHROPIC_BASE_URL), then press Retry.', true);
	}
	if (error instanceof APIError) return error.status === undefined ? fromStreamEvent(error, ctx) : fromStatus(error.status, detail(error, ctx), ctx);
	if (error instanceof MentionRefusedError) {
		return fail('mention-refused', `${error.message}, so the prompt was not sent. Mention only files inside the session's folder (the Files panel lists them), then send the prompt again.`, false);
	}
	if (error instanceof AgentExitError) {
		return fail('agent-exited', `Claude Code stopped before finishing the turn (${upstreamText(error.message, ctx.secrets)}). What arrived is kept; press Retry. If it keeps happening, tell whoever runs the server the reference below.`, true);
	}
	if (error instanceof AgentResultError) {
		if (error.status) return fromStatus(error.status, upstreamText(error.message, ctx.secrets), ctx);
		if (error.subtype === 'error_max_turns') return fail('max-turns', 'Claude Code reached the most steps one turn may take. Send a prompt to let it go on.', false);
		return fail('agent-failed', `Claude Code could not finish the turn: ${upstreamText(error.message, ctx.secrets)}. Press Retry; if it fails again, start a new session.`, true);
	}
	if (error instanceof StreamCutError || causes(error).some((e) => CONNECTION.test(String(e)))) {
		return fail('connection-lost', 'The connection to the Anthropic API dropped in the middle of the reply. What arrived is kept; press Retry.', true);
	}
	return fail('internal', 'Something went wrong on the server while running this prompt. Press Retry; if it happens again, tell whoever runs the server the reference below.', true);
}
