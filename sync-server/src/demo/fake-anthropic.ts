// A stand-in for the Anthropic Messages API on 127.0.0.1: test equipment, and the demo model's upstream.
// It answers `POST /v1/messages` from a queue of scripted replies (or a responder), checks every request
// as the API would, and records what it was sent and when each text delta left.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { estimateTokens, newRequestId, sendError } from './protocol';
import { play, type ScriptedReply, type SentDelta } from './script';
import { allowsSystemMessages, apiKeyOf, checkBody, checkHeaders, type Rejection } from './validate';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	apiKey: string | undefined;
	/** The parsed JSON body (the raw text when it was not JSON). */
	body: unknown;
	/** Set when the fake refused the request as malformed or unauthorised. */
	rejected?: Rejection;
	sent: SentDelta[];
	/** Resolves when the exchange ends: `client-closed` when the client hung up before the reply was complete. */
	ended: Promise<'completed' | 'client-closed'>;
}

export interface FakeAnthropicOptions {
	/** The only key accepted; any non-empty key when unset. */
	apiKey?: string;
	/** Answers requests once the script queue is empty. */
	respond?: (request: RecordedRequest) => ScriptedReply;
	/** Larger bodies get 413 `request_too_large` (default 32 MB, as the API). */
	maxBodyBytes?: number;
}

/** A scripted reply, or one made from the request it answers (to name what Claude Code told its model). */
export type Scripted = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export interface FakeAnthropic {
	url: string;
	requests: RecordedRequest[];
	/** Queues replies for the next requests, in order. */
	script(...replies: Scripted[]): void;
	/** Resolves with the n-th request (counting from 1) once it has arrived. */
	request(n: number): Promise<RecordedRequest>;
	close(): Promise<void>;
}

const FALLBACK: ScriptedReply = { type: 'message', content: [{ type: 'text', text: 'OK' }] };

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
	const queue: Scripted[] = [];
	const requests: RecordedRequest[] = [];
	const waiters: Array<() => void> = [];
	const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const requestId = newRequestId();
		let closed = false;
		const ended = new Promise<'completed' | 'client-closed'>((resolve) => {
			res.on('close', () => {
				closed = true;
				resolve(res.writableFinished ? 'completed' : 'client-closed');
			});
		});
		const raw = await readBody(req, maxBodyBytes);
		const record: RecordedRequest = {
			method: req.method ?? '',
			path: (req.url ?? '').split('?')[0],
			headers: req.headers,
			apiKey: apiKeyOf(req.headers),
			body: parseJson(raw),
			sent: [],
			ended
		};
		requests.push(record);
		waiters.splice(0).forEach((wake) => wake());
		record.rejected = reject(record, raw, options.apiKey) ?? undefined;
		if (record.rejected) {
			const { status, type, message } = record.rejected;
			return sendError(res, status, { type, message }, requestId);
		}
		const body = record.body as { model: string; stream?: boolean; messages: unknown; system?: unknown };
		const next = queue.shift();
		const reply = (typeof next === 'function' ? next(record) : next) ?? options.respond?.(record) ?? FALLBACK;
		await play(reply, {
			res,
			requestId,
			model: body.model,
			inputTokens: estimateTokens([body.system, body.messages]),
			stream: body.stream === true,
			closed: () => closed,
			sent: record.sent
		});
	};

	const server = createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		script: (...replies) => void queue.push(...replies),
		request: async (n) => {
			while (requests.length < n) await new Promise<void>((wake) => waiters.push(wake));
			return requests[n - 1];
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

type Raw = { text: string } | { tooLarge: true };

function readBody(req: IncomingMessage, limit: number): Promise<Raw> {
	return new Promise((resolve, rejectRead) => {
		const parts: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) parts.push(chunk);
		});
		req.on('end', () => resolve(size > limit ? { tooLarge: true } : { text: Buffer.concat(parts).toString('utf8') }));
		req.on('error', rejectRead);
	});
}

function parseJson(raw: Raw): unknown {
	if (!('text' in raw)) return undefined;
	try {
		return JSON.parse(raw.text);
	} catch {
		return raw.text;
	}
}

function reject(record: RecordedRequest, raw: Raw, expectedKey?: string): Rejection | null {
	if (record.method !== 'POST' || record.path !== '/v1/messages') {
		return { status: 404, type: 'not_found_error', message: 'Not Found' };
	}
	const headers = checkHeaders(record.headers, expectedKey);
	if (headers) return headers;
	if ('tooLarge' in raw) return { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
	if (typeof record.body === 'string') {
		return { status: 400, type: 'invalid_request_error', message: 'There was an issue with the format of your request: the body is not valid JSON' };
	}
	return checkBody(record.body, { systemMessages: allowsSystemMessages(record.headers) });
}
