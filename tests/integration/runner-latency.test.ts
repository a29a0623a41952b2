// Measures (never asserts) how long a text delta takes from leaving the fake Anthropic server to
// arriving in a second device's Y.Doc, for a 2,000-token reply with the runner's default batching.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/core/ids';
import { RUNNER_DEFAULTS } from '../../sync-server/src/runner/config';
import { textReply } from '../../sync-server/src/demo/script';
import { harness, link, prompt, until, type Harness } from './runner-harness';

let h: Harness;
afterEach(() => h?.close());

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

describe('runner: delta latency', () => {
	it('reports p50 and p99 from fake to second device for a 2,000-token reply', async () => {
		h = await harness({ config: { flushMs: RUNNER_DEFAULTS.flushMs } });
		// About 4 characters a token: 8,000 characters in deltas of 16 (4 tokens), one every 2 ms.
		const text = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(4, '0')}...`).join('').slice(0, 8000);
		h.fake.script(textReply(text, { chunkChars: 16, delayMs: 2 }));
		const device = new Y.Doc();
		link(device, h.doc);
		const id = newId();
		const arrivals: Array<{ at: number; length: number }> = [];
		device.on('update', () => {
			const reply = h.messages(device).find((m) => m.kind === 'assistant' && m.meta.replyTo === id);
			if (reply) arrivals.push({ at: performance.now(), length: reply.text.length });
		});
		prompt(device, 'Write 2,000 tokens', id);
		await until(device, () => h.messages(device).find((m) => m.id === id && m.state === 'done'), 'reply done', 30_000);

		const sent = h.fake.requests[0].sent;
		expect(sent.map((s) => s.text).join('')).toBe(text);
		let end = 0;
		const delays = sent.map(({ text: delta, at }) => {
			end += delta.length;
			const arrived = arrivals.find((a) => a.length >= end);
			return arrived ? arrived.at - at : Number.NaN;
		});
		expect(delays.every(Number.isFinite)).toBe(true);
		const sorted = [...delays].sort((a, b) => a - b);
		const updates = arrivals.length;
		console.log(
			`delta latency fake -> second doc, ${sent.length} deltas, ${text.length} chars, flushMs ${RUNNER_DEFAULTS.flushMs}: ` +
				`p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; ` +
				`${updates} document updates reached the device`
		);
	});
});
