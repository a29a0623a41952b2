// What the fake checks in a request before answering, with the public API's statuses and wording,
// so a client bug (a missing header, roles out of order, an orphan tool result) fails as it would for real.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiErrorBody } from './protocol';

export interface Rejection extends ApiErrorBody {
	status: number;
}

const invalid = (message: string): Rejection => ({ status: 400, type: 'invalid_request_error', message });

/** The key a request carries: SDK 1.x sends `Authorization: Bearer`, older SDKs `x-api-key`. */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
	const header = headers['x-api-key'];
	if (typeof header === 'string' && header) return header;
	const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
	return match?.[1];
}

export function checkHeaders(headers: IncomingHttpHeaders, expectedKey?: string): Rejection | null {
	const key = apiKeyOf(headers);
	if (!key) return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
	if (expectedKey !== undefined && key !== expectedKey) {
		return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
	}
	if (!headers['anthropic-version']) return invalid('anthropic-version: header is required');
	return null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The beta under which Claude Code sends `system` messages between turns (per-turn instructions). */
export const SYSTEM_MESSAGES_BETA = 'per-turn-control-';

export function allowsSystemMessages(headers: IncomingHttpHeaders): boolean {
	return String(headers['anthropic-beta'] ?? '').split(',').some((beta) => beta.trim().startsWith(SYSTEM_MESSAGES_BETA));
}

export function checkBody(body: unknown, options: { systemMessages?: boolean } = {}): Rejection | null {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	if (typeof body.model !== 'string' || !body.model) return invalid('model: Field required');
	const max = body.max_tokens;
	if (max === undefined) return invalid('max_tokens: Field required');
	if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
		return invalid('max_tokens: Input should be a valid integer greater than or equal to 1');
	}
	if (body.stream !== undefined && typeof body.stream !== 'boolean') return invalid('stream: Input should be a valid boolean');
	const system = checkSystem(body.system);
	if (system) return system;
	if (!Array.isArray(body.messages)) return invalid('messages: Field required');
	if (body.messages.length === 0) return invalid('messages: at least one message is required');
	return checkMessages(body.messages, options.systemMessages ?? false);
}

function checkSystem(system: unknown): Rejection | null {
	if (system === undefined || typeof system === 'string') return null;
	if (!Array.isArray(system)) return invalid('system: Input should be a valid string or list');
	for (const [i, block] of system.entries()) {
		if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
			return invalid(`system.${i}: Input should be a text block`);
		}
	}
	return null;
}

function checkMessages(messages: unknown[], systemMessages: boolean): Rejection | null {
	let previousRole: unknown;
	let pendingToolUses = new Set<string>();
	for (const [i, message] of messages.entries()) {
		if (!isObject(message)) return invalid(`messages.${i}: Input should be a valid dictionary`);
		const { role, content } = message;
		// Under the beta, a system message may sit between turns; it takes no part in alternation.
		if (systemMessages && role === 'system' && i > 0) {
			const problem = checkSystem(content);
			if (problem) return invalid(`messages.${i}: ${problem.message}`);
			continue;
		}
		if (role !== 'user' && role !== 'assistant') return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
		if (i === 0 && role !== 'user') return invalid('messages: first message must use the "user" role');
		// Consecutive messages of one role are combined into one turn, as the API does (Claude Code sends an
		// @-mentioned file as a user message of its own, right before the prompt).
		const combined = role === previousRole;
		const blocks = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
		if (!Array.isArray(blocks)) return invalid(`messages.${i}.content: Input should be a valid string or list`);
		if (blocks.length === 0) return invalid(`messages.${i}: all messages must have non-empty content`);
		const problem = checkBlocks(blocks, i, role, pendingToolUses);
		if (problem) return problem;
		pendingToolUses = role === 'assistant' ? new Set([...(combined ? pendingToolUses : []), ...toolUseIds(blocks)]) : new Set();
		previousRole = role;
	}
	if (pendingToolUses.size) return unanswered(messages.length - 1, pendingToolUses);
	return null;
}

const unanswered = (i: number, ids: Set<string>) =>
	invalid(
		`messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${[...ids].join(', ')}. ` +
			'Each `tool_use` block must have a corresponding `tool_result` block in the next message.'
	);

function toolUseIds(blocks: unknown[]): Set<string> {
	return new Set(blocks.filter((b): b is Json => isObject(b) && b.type === 'tool_use').map((b) => String(b.id)));
}

function checkBlocks(blocks: unknown[], i: number, role: string, expected: Set<string>): Rejection | null {
	const answered = new Set<string>();
	for (const [j, block] of blocks.entries()) {
		const at = `messages.${i}.content.${j}`;
		if (!isObject(block)) return invalid(`${at}: Input should be a valid dictionary`);
		switch (block.type) {
			case 'text':
				if (typeof block.text !== 'string') return invalid(`${at}.text: Field required`);
				if (!block.text.trim()) return invalid(`${at}.text: text content blocks must contain non-whitespace text`);
				break;
			case 'image': {
				if (role !== 'user') return invalid(`${at}: image blocks can only appear in user messages`);
				const source = isObject(block.source) ? block.source : null;
				const media = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
				if (!source || source.type !== 'base64' || !media.includes(String(source.media_type)) || typeof source.data !== 'string') {
					return invalid(`${at}.source: an image needs a base64 source with media_type image/jpeg, image/png, image/gif or image/webp`);
				}
				break;
			}
			case 'tool_use':
				if (role !== 'assistant') return invalid(`${at}: tool_use blocks can only appear in assistant messages`);
				if (typeof block.id !== 'string' || typeof block.name !== 'string' || !isObject(block.input)) {
					return invalid(`${at}: tool_use blocks need a string id, a string name and an object input`);
				}
				break;
			case 'tool_result':
				if (role !== 'user') return invalid(`${at}: tool_result blocks can only appear in user messages`);
				if (typeof block.tool_use_id !== 'string' || !expected.has(block.tool_use_id)) {
					return invalid(
						`${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. ` +
							'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
					);
				}
				answered.add(block.tool_use_id);
				break;
			default:
				return invalid(`${at}.type: Input tag '${String(block.type)}' found using 'type' does not match any of the expected tags`);
		}
	}
	const missing = new Set([...expected].filter((id) => !answered.has(id)));
	if (missing.size) return unanswered(i - 1, missing);
	return null;
}
