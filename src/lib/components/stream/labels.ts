// The short label and the state wording each message shows, so a reader can tell kinds apart without colour.
import type { MessageKind, MessageState } from '$lib/core/model';
import type { MessageRow } from '$lib/db/schema';
import { toolCallSummary } from '$lib/core/tools';

export const KIND_LABELS: Record<MessageKind, string> = {
	user: 'you',
	assistant: 'claude',
	tool_call: 'tool',
	tool_result: 'result',
	error: 'error',
	system: 'system'
};

const STATE_LABELS: Partial<Record<MessageState, string>> = {
	queued: 'queued — waiting for the server',
	running: 'running',
	streaming: 'streaming…',
	interrupted: 'interrupted',
	error: 'failed'
};

export function stateLabel(message: MessageRow): string | undefined {
	if (message.state === 'queued' && message.meta.waitReason) return `queued — ${message.meta.waitReason}`;
	return STATE_LABELS[message.state];
}

/** Model, token counts and duration, when the message carries them. */
export function metaLine(message: MessageRow): string[] {
	const parts: string[] = [];
	if (message.meta.model) parts.push(message.meta.model);
	const usage = message.meta.usage;
	if (usage) {
		const cache = usage.cacheReadTokens + usage.cacheWriteTokens;
		const tokens = `${usage.inputTokens.toLocaleString('en')} in · ${usage.outputTokens.toLocaleString('en')} out`;
		parts.push(cache > 0 ? `${tokens} · ${cache.toLocaleString('en')} cache` : tokens);
	}
	if (message.meta.durationMs !== undefined) parts.push(`${(message.meta.durationMs / 1000).toFixed(1)} s`);
	return parts;
}

/** The text shown for a message: a tool call names its tool and input, an error its reason. */
export function bodyOf(message: MessageRow): string {
	if (message.kind === 'tool_call' && message.meta.toolName) {
		const summary = toolCallSummary(message.meta.toolName, message.meta.toolInput);
		return message.text ? `${summary}\n${message.text}` : summary;
	}
	if (message.kind === 'error' && message.meta.error && !message.text) return message.meta.error.message;
	return message.text;
}
