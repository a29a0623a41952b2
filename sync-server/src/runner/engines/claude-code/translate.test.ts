import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import { Translator } from './translate';

const stream = (event: unknown) => ({ type: 'stream_event', event, parent_tool_use_id: null, uuid: 'u', session_id: 's' }) as unknown as SDKMessage;
const start = stream({ type: 'message_start', message: { id: 'msg_1', model: 'claude-test', usage: { input_tokens: 10, output_tokens: 1 } } });
const delta = stream({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Half a rep' } });
const ending = (stopReason: string | null) => stream({ type: 'message_delta', delta: { stop_reason: stopReason }, usage: { output_tokens: stopReason ? 5 : 1 } });
const stop = stream({ type: 'message_stop' });

function run(translator: Translator, messages: SDKMessage[]) {
	return messages.flatMap((m) => translator.events(m).events);
}

describe('Claude Code translator', () => {
	it('ends a reply done when the upstream gives its stop reason', () => {
		const t = new Translator('claude-test');
		const events = [...run(t, [start, delta, ending('end_turn'), stop]), ...t.close('interrupted')];
		expect(events.filter((e) => e.type === 'reply-end')).toEqual([expect.objectContaining({ key: 'msg_1', state: 'done', meta: expect.objectContaining({ stopReason: 'end_turn' }) })]);
	});

	it('keeps a reply Claude Code closed on Stop open, so it ends once, interrupted, with what streamed', () => {
		const t = new Translator('claude-test');
		const events = run(t, [start, delta, ending(null), stop]);
		expect(events.filter((e) => e.type === 'reply-end')).toEqual([]);
		expect(events.filter((e) => e.type === 'text')).toEqual([{ type: 'text', key: 'msg_1', delta: 'Half a rep' }]);
		expect(t.close('interrupted')).toEqual([{ type: 'reply-end', key: 'msg_1', state: 'interrupted', meta: { usage: expect.objectContaining({ outputTokens: 3, outputEstimated: true }) } }]);
	});
});
