import { describe, expect, it } from 'vitest';
import type { Message, MessageKind, MessageState } from '$lib/core/model';
import { canRetry } from '$lib/core/turns';
import { retryOffers } from './retry';

let n = 0;
const SESSION = '01JD0000000000000000000000';

function msg(kind: MessageKind, state: MessageState, meta: Message['meta'] = {}): Message {
	n++;
	const id = `01JD${String(n).padStart(22, '0')}`;
	return { id, sessionId: SESSION, kind, text: `m${n}`, state, createdAt: n, updatedAt: n, meta };
}

describe('retryOffers', () => {
	it('offers Retry on the last reply of an interrupted turn', () => {
		const p = msg('user', 'done');
		const a = msg('assistant', 'done', { replyTo: p.id });
		const cut = msg('assistant', 'interrupted', { replyTo: p.id });
		expect([...retryOffers([p, a, cut])]).toEqual([[cut.id, p]]);
	});

	it('offers Retry after an error message, and not for a turn that ended well', () => {
		const ok = msg('user', 'done');
		const okReply = msg('assistant', 'done', { replyTo: ok.id });
		const bad = msg('user', 'done');
		const error = msg('error', 'done', { replyTo: bad.id, error: { reason: 'key-refused', message: 'no' } });
		expect([...retryOffers([ok, okReply, bad, error]).keys()]).toEqual([error.id]);
	});

	it('offers nothing while the turn is queued or running, or once it has been retried', () => {
		const running = msg('user', 'running');
		const streaming = msg('assistant', 'error', { replyTo: running.id });
		const p = msg('user', 'done');
		const cut = msg('assistant', 'interrupted', { replyTo: p.id });
		const again = msg('user', 'queued', { retryOf: p.id });
		expect(retryOffers([running, streaming, p, cut, again]).size).toBe(0);
	});

	it('agrees with canRetry on random sessions', () => {
		const kinds: MessageKind[] = ['assistant', 'tool_call', 'tool_result', 'error', 'system'];
		const states: MessageState[] = ['done', 'interrupted', 'error', 'streaming'];
		for (let round = 0; round < 200; round++) {
			const rows: Message[] = [];
			for (let i = 0; i < 12; i++) {
				const prompts = rows.filter((m) => m.kind === 'user');
				const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
				if (prompts.length === 0 || Math.random() < 0.3) {
					const retryOf = prompts.length > 0 && Math.random() < 0.3 ? pick(prompts).id : undefined;
					rows.push(msg('user', pick(['done', 'done', 'queued', 'running']), retryOf ? { retryOf } : {}));
				} else rows.push(msg(pick(kinds), pick(states), { replyTo: pick(prompts).id }));
			}
			const offered = new Set([...retryOffers(rows).values()].map((p) => p.id));
			const expected = new Set(rows.filter((m) => m.kind === 'user' && canRetry(rows, m)).map((m) => m.id));
			expect(offered).toEqual(expected);
		}
	});
});
