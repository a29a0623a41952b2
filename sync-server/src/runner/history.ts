// Builds what Claude is sent for a turn from the session document: every answered prompt with its
// replies (text, tool calls and results as content blocks), in turn order, roles alternating, and
// every tool_use paired with its tool_result, so the request is well formed whatever the document holds.
import type { ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { promptBlocks } from '../../../src/lib/core/images';
import type { Message } from '../../../src/lib/core/model';
import { ImageRefusedError } from './errors';

/** The bytes of an image the session doc keeps, by hash. */
export type ImageReader = (hash: string) => Uint8Array | undefined;

interface Turn {
	prompt: Message;
	replies: Message[];
}

type Role = 'user' | 'assistant';
type Part = { role: Role; block: ContentBlockParam };
/** A request message, always with block content (assignable to the SDK's MessageParam). */
export type HistoryMessage = { role: Role; content: ContentBlockParam[] };

const hasText = (m: Message) => m.text.trim().length > 0;

/** Prompts in document order, each with the messages that reply to it (a device's later prompt may sit between). */
function turns(messages: Message[]): Turn[] {
	const byId = new Map<string, Turn>();
	const out: Turn[] = [];
	for (const m of messages) {
		if (m.kind === 'user') {
			if (byId.has(m.id)) continue;
			const turn = { prompt: m, replies: [] };
			byId.set(m.id, turn);
			out.push(turn);
		} else if (m.meta.replyTo) {
			byId.get(m.meta.replyTo)?.replies.push(m);
		}
	}
	return out;
}

/** Earlier turns Claude saw: answered, and not replaced by a retry. Unanswered prompts (failed, cancelled) stay out. */
function answered(turn: Turn, retried: Set<string>): boolean {
	if (retried.has(turn.prompt.id) || turn.prompt.state !== 'done') return false;
	return turn.replies.some((r) => (r.kind === 'assistant' && hasText(r)) || r.kind === 'tool_call');
}

/** The prompt's images and text; an image that cannot be sent fails this turn, and is left out of later ones. */
function promptParts(prompt: Message, current: boolean, read: ImageReader): Part[] {
	const built = promptBlocks(prompt.text, prompt.meta.images, read);
	if (!built.ok && current) throw new ImageRefusedError(built.error);
	const blocks = built.ok ? built.blocks : hasText(prompt) ? [{ type: 'text' as const, text: prompt.text }] : [];
	return blocks.map((block) => ({ role: 'user', block }));
}

function parts(turn: Turn, current: boolean, read: ImageReader): Part[] {
	const out: Part[] = promptParts(turn.prompt, current, read);
	for (const r of turn.replies) {
		const { toolUseId, toolName, toolInput } = r.meta;
		if (r.kind === 'assistant' && hasText(r)) out.push({ role: 'assistant', block: { type: 'text', text: r.text } });
		if (r.kind === 'tool_call' && r.state === 'done' && toolUseId && toolName) {
			const input = typeof toolInput === 'object' && toolInput !== null && !Array.isArray(toolInput) ? toolInput : {};
			out.push({ role: 'assistant', block: { type: 'tool_use', id: toolUseId, name: toolName, input } });
		}
		if (r.kind === 'tool_result' && r.state === 'done' && toolUseId) {
			const block: ContentBlockParam = { type: 'tool_result', tool_use_id: toolUseId, is_error: r.meta.isError ?? false };
			if (r.text) block.content = r.text;
			out.push({ role: 'user', block });
		}
	}
	return out;
}

function merge(list: Part[] | HistoryMessage[]): HistoryMessage[] {
	const out: HistoryMessage[] = [];
	for (const item of list) {
		const blocks = 'block' in item ? [item.block] : item.content;
		const last = out.at(-1);
		if (last && last.role === item.role) last.content.push(...blocks);
		else out.push({ role: item.role, content: [...blocks] });
	}
	return out;
}

const blocks = (m: HistoryMessage | undefined) => m?.content ?? [];

/** Keeps a tool_use only when the next message answers it, and a tool_result only when it answers the previous one. */
function pairTools(messages: HistoryMessage[]): HistoryMessage[] {
	return messages.map((m, i) => {
		if (m.role === 'assistant') {
			const results = new Set(blocks(messages[i + 1]).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : [])));
			return { ...m, content: blocks(m).filter((b) => b.type !== 'tool_use' || results.has(b.id)) };
		}
		const uses = new Set(blocks(messages[i - 1]).flatMap((b) => (b.type === 'tool_use' ? [b.id] : [])));
		const kept = blocks(m).filter((b) => b.type !== 'tool_result' || uses.has(b.tool_use_id));
		// The API wants a message's tool results before any other content.
		return { ...m, content: [...kept.filter((b) => b.type === 'tool_result'), ...kept.filter((b) => b.type !== 'tool_result')] };
	});
}

export function buildHistory(messages: Message[], promptId: string, read: ImageReader = () => undefined): HistoryMessage[] {
	const retried = new Set(messages.flatMap((m) => (m.meta.retryOf ? [m.meta.retryOf] : [])));
	const selected: Part[] = [];
	for (const turn of turns(messages)) {
		if (turn.prompt.id === promptId) {
			selected.push(...parts(turn, true, read));
			break;
		}
		if (answered(turn, retried)) selected.push(...parts(turn, false, read));
	}
	const paired = pairTools(merge(selected)).filter((m) => blocks(m).length > 0);
	const merged = merge(paired);
	while (merged[0]?.role === 'assistant') merged.shift();
	return merged;
}
