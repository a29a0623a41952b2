// The Messages API wire format the fake speaks: SSE framing, error bodies and ids, as the public API sends them.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const API_ERROR_TYPES: Readonly<Record<number, string>> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	403: 'permission_error',
	404: 'not_found_error',
	413: 'request_too_large',
	429: 'rate_limit_error',
	500: 'api_error',
	529: 'overloaded_error'
};

const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
	invalid_request_error: 'There was an issue with the format or content of your request.',
	authentication_error: 'invalid x-api-key',
	permission_error: 'Your API key does not have permission to use the specified resource.',
	not_found_error: 'Not found',
	request_too_large: 'Request exceeds the maximum allowed number of bytes.',
	rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
	api_error: 'Internal server error',
	overloaded_error: 'Overloaded'
};

const token = (prefix: string) => prefix + randomBytes(12).toString('base64url');
export const newRequestId = () => token('req_');
export const newMessageId = () => token('msg_');
export const newToolUseId = () => token('toolu_');

export interface ApiErrorBody {
	type: string;
	message: string;
}

export function errorType(status: number): string {
	return API_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function errorBody(error: ApiErrorBody, requestId: string) {
	return { type: 'error', error, request_id: requestId };
}

export function defaultErrorMessage(type: string): string {
	return DEFAULT_MESSAGES[type] ?? 'Error';
}

export function sendError(
	res: ServerResponse,
	status: number,
	error: ApiErrorBody,
	requestId: string,
	retryAfterSeconds?: number
): void {
	const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': requestId };
	if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
	res.writeHead(status, headers);
	res.end(JSON.stringify(errorBody(error, requestId)));
}

export function startEventStream(res: ServerResponse, requestId: string): void {
	res.writeHead(200, {
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache',
		'request-id': requestId
	});
	res.flushHeaders();
}

/** One server-sent event: the `event:` line names the type the `data:` JSON carries. */
export function writeEvent(res: ServerResponse, type: string, data: object): void {
	res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

/** Roughly four characters a token, as Claude's tokenizer averages on English text. */
export function estimateTokens(value: unknown): number {
	const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
	return Math.max(1, Math.ceil(text.length / 4));
}
