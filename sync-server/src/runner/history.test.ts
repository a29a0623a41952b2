import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/core/ids';
import type { Message } from '../../../src/lib/core/model';
import { checkBody } from '../demo/validate';
import { buildHistory } from './history';

const sessionId = newId();
let clock = 0;
const m = (kind: Message['kind'], text: string, extra: Partial<Message> = {}): Message => ({
	id: newId(),
	sessionId,
	kind,
	text,
	state: 'done',
	createdAt: ++clock,
	updatedAt: clock,
	meta: {},
	...extra
});
const reply = (to: Message, kind: Message['kind'], text: string, meta: Message['meta'] = {}, state: Message['state'] = 'done') =>
	m(kind, text, { state, meta: { replyTo: to.id, ...meta } });

/** The fake's checks are the API's: every history must pass them. */
const valid = (messages: ReturnType<typeof buildHistory>) => expect(checkBody({ model: 'x', max_tokens: 1, messages })).toBeNull();

describe('buildHistory', () => {
	it('sends earlier turns then the prompt, as alternating user and assistant messages', () => {
		const p1 = m('user', 'first');
		const a1 = reply(p1, 'assistant', 'answer one');
		const p2 = m('user', 'second', { state: 'running' });
		const history = buildHistory([p1, a1, p2], p2.id);
		valid(history);
		expect(history).toEqual([
			{ role: 'user', content: [{ type: 'text', text: 'first' }] },
			{ role: 'assistant', content: [{ type: 'text', text: 'answer one' }] },
			{ role: 'user', content: [{ type: 'text', text: 'second' }] }
		]);
	});

	it('groups replies with their prompt even when a later prompt sits between them', () => {
		const p1 = m('user', 'first');
		const p2 = m('user', 'second', { state: 'queued' });
		const a1 = reply(p1, 'assistant', 'answer one');
		const p3 = m('user', 'third', { state: 'queued' });
		// The turn's own replies so far come along (a tool round); prompts after it do not.
		expect(JSON.stringify(buildHistory([p1, p2, a1, p3], p1.id))).not.toMatch(/second|third/);
		const done2 = { ...p2, state: 'done' as const };
		const a2 = reply(p2, 'assistant', 'answer two');
		const history = buildHistory([p1, done2, a1, p3, a2], p3.id);
		valid(history);
		expect(history.map((h) => h.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
		expect(JSON.stringify(history)).toMatch(/first.*answer one.*second.*answer two.*third/);
	});

	it('sends tool calls and results as paired content blocks, results first', () => {
		const p = m('user', 'read it', { state: 'running' });
		const a = reply(p, 'assistant', 'Reading.');
		const call = reply(p, 'tool_call', '', { toolName: 'read', toolUseId: 'tu1', toolInput: { path: 'a' } });
		const result = reply(p, 'tool_result', 'contents', { toolUseId: 'tu1', isError: false });
		const history = buildHistory([p, a, call, result], p.id);
		valid(history);
		expect(history.slice(1)).toEqual([
			{ role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 'tu1', name: 'read', input: { path: 'a' } }] },
			{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', is_error: false, content: 'contents' }] }
		]);
	});

	it('drops a tool call that never got its result, keeping the request valid', () => {
		const p1 = m('user', 'do it');
		const a1 = reply(p1, 'assistant', 'On it.', {}, 'interrupted');
		const call = reply(p1, 'tool_call', '', { toolName: 'bash', toolUseId: 'tu9', toolInput: {} });
		const p2 = m('user', 'never mind', { state: 'running' });
		const history = buildHistory([p1, a1, call, p2], p2.id);
		valid(history);
		expect(JSON.stringify(history)).not.toContain('tu9');
		expect(JSON.stringify(history)).toContain('On it.');
	});

	it('leaves out a retried attempt, unanswered prompts, errors and blank text', () => {
		const p1 = m('user', 'question');
		const cut = reply(p1, 'assistant', 'half an ans', {}, 'interrupted');
		const retry = m('user', 'question', { state: 'running', meta: { retryOf: p1.id } });
		expect(buildHistory([p1, cut, retry], retry.id)).toEqual([{ role: 'user', content: [{ type: 'text', text: 'question' }] }]);

		const failed = m('user', 'bad key prompt');
		const error = reply(failed, 'error', 'The API key was refused');
		const blank = m('user', 'again');
		const empty = reply(blank, 'assistant', '   ', {}, 'interrupted');
		const next = m('user', 'now', { state: 'running' });
		const history = buildHistory([failed, error, blank, empty, next], next.id);
		valid(history);
		expect(history).toEqual([{ role: 'user', content: [{ type: 'text', text: 'now' }] }]);
	});

	it('reads a prompt id that appears twice once', () => {
		const p = m('user', 'once', { state: 'running' });
		expect(buildHistory([p, { ...p }], p.id)).toHaveLength(1);
	});
});

describe('images in prompts', () => {
	const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
	const hash = 'a'.repeat(64);
	const withImage = (text: string, state: Message['state'] = 'running') =>
		m('user', text, { state, meta: { images: [{ hash, type: 'image/png', size: png.length }] } });

	it('sends a prompt image as a base64 image block before the text', () => {
		const prompt = withImage('what is this?');
		const history = buildHistory([prompt], prompt.id, (h) => (h === hash ? png : undefined));
		valid(history);
		expect(history).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(png).toString('base64') } },
					{ type: 'text', text: 'what is this?' }
				]
			}
		]);
	});

	it('fails the turn with a reason when the image has not reached the server, or is not an image', () => {
		const prompt = withImage('what is this?');
		expect(() => buildHistory([prompt], prompt.id)).toThrow(/not reached the server/);
		expect(() => buildHistory([prompt], prompt.id, () => new TextEncoder().encode('<svg onload=alert(1)>'))).toThrow(/not a PNG, JPEG, GIF or WebP/);
	});

	it('leaves out an earlier prompt’s image that is gone, and keeps its text', () => {
		const earlier = withImage('look', 'done');
		const answer = reply(earlier, 'assistant', 'a cat');
		const now = m('user', 'thanks', { state: 'running' });
		const history = buildHistory([earlier, answer, now], now.id);
		valid(history);
		expect(history[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'look' }] });
	});
});
