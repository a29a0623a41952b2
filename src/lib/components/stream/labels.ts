// The short label and the state wording each message shows, so a reader can tell kinds apart without colour.
import type { MessageKind, MessageState } from '$lib/core/model';
import type { MessageRow } from '$lib/db/schema';
import { toolCallSummary } from '$lib/core/tool-summary';

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

/** Why a queued prompt has not run yet, as far as the device can tell. */
export type QueueWait = 'offline' | 'previous-turn';

const WAIT_LABELS: Record<QueueWait, string> = {
	offline: 'queued — will send when online',
	'previous-turn': 'queued — waiting for the previous turn'
};

export function stateLabel(message: MessageRow, wait?: QueueWait): string | undefined {
	if (message.state === 'interrupted' && message.meta.stopped) return 'stopped';
	if (message.state !== 'queued') return STATE_LABELS[message.state];
	if (wait === 'offline') return WAIT_LABELS.offline;
	if (message.meta.waitReason) return `queued — ${message.meta.waitReason}`;
	return wait ? WAIT_LABELS[wait] : STATE_LABELS.queued;
}

/** Model, token counts and duration, when the message carries them. */
export function metaLine(message: MessageRow): string[] {
	const parts: string[] = [];
	if (message.meta.model) parts.push(message.meta.model);
	const usage = message.meta.usage;
	if (usage) {
		const cache = usage.cacheReadTokens + usage.cacheWriteTokens;
		const tokens = `${usage.inputTokens.toLocaleString('en')} in · ${usage.outputEstimated ? '~' : ''}${usage.outputTokens.toLocaleString('en')} out`;
		parts.push(cache > 0 ? `${tokens} · ${cache.toLocaleString('en')} cache` : tokens);
	}
	if (message.meta.durationMs !== undefined) parts.push(`${(message.meta.durationMs / 1000).toFixed(1)} s`);
	return parts;
}

/** The text shown for a message: a tool call names its tool and input, an error its reason. */
export function bodyOf(message: MessageRow, folder?: string): string {
	if (message.kind === 'tool_call' && message.meta.toolName) {
		const summary = toolCallSummary(message.meta.toolName, message.meta.toolInput, folder);
		return message.text ? `${summary}\n${message.text}` : summary;
	}
	if (message.kind === 'error' && message.meta.error && !message.text) return message.meta.error.message;
	return message.text;
}

/** Longer texts show their start only, with "Show all": a 90,000-character prompt must not fill the screen. */
export const CLIP_LINES = 12;
export const CLIP_CHARS = 1200;

/** The start of a long text, or undefined when it is short enough to show whole. */
export function clipped(text: string): string | undefined {
	const lines = text.split('\n', CLIP_LINES + 1);
	if (text.length <= CLIP_CHARS && lines.length <= CLIP_LINES) return undefined;
	const head = lines.slice(0, CLIP_LINES).join('\n');
	const cut = head.slice(0, CLIP_CHARS);
	// Never half of a surrogate pair (an emoji) at the cut.
	return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd() + '…';
}

/** A tool call's whole input, as indented JSON, for its expandable row. */
export function toolInputText(message: MessageRow): string | undefined {
	if (message.kind !== 'tool_call' || message.meta.toolInput === undefined) return undefined;
	return JSON.stringify(message.meta.toolInput, null, 2);
}
