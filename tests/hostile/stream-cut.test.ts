// Reported: a stream that ended without `message_stop` was blamed on the server ("Something went wrong on
// the server"). The API's side of the connection cut the reply short, so the session says so and offers Retry.
import { afterEach, describe, expect, it } from 'vitest';
import { textReply } from '../../sync-server/src/demo/script';
import { harness, prompt, until, type Harness } from '../integration/runner-harness';

let h: Harness;
afterEach(() => h?.close());

describe('a stream that ends without message_stop', () => {
	it.each([
		['after some text', textReply('Half an ans', { end: 'truncated' })],
		['before any content', { type: 'message' as const, content: [], end: 'truncated' as const }]
	])('%s is reported as a cut connection, retryable', async (_, reply) => {
		h = await harness({ maxRetries: 0 });
		h.fake.script(reply);
		const id = prompt(h.doc, 'Tell me');
		const error = await until(h.doc, () => h.messages().find((m) => m.meta.replyTo === id && m.kind === 'error'), 'error message');
		expect(error.meta.error).toMatchObject({ reason: 'connection-lost', retryable: true });
		expect(error.text).not.toMatch(/on the server/);
	});
});
