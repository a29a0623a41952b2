// Reported: a prompt could end `done` with no reply, error or Retry: the worker recorded it as run before
// reading the session's settings, which can throw; the retry five seconds later then settled the prompt
// as a duplicate. Now a prompt counts as run only once its turn starts, so the retry runs it.
import { afterEach, describe, expect, it } from 'vitest';
import { textReply } from '../../sync-server/src/demo/script';
import type { HeldDoc } from '../../sync-server/src/sync/host';
import { harness, MemoryHost, prompt, until, type Harness } from '../integration/runner-harness';

/** The tenant's index cannot be opened once (a store hiccup): the settings read throws. */
class FlakyIndexHost extends MemoryHost {
	failures = 1;
	override async open(tenant: string, name: string): Promise<HeldDoc> {
		if (name === 'index' && this.failures-- > 0) throw new Error('store unavailable');
		return super.open(tenant, name);
	}
}

let h: Harness;
afterEach(() => h?.close());

describe('a prompt whose settings cannot be read at first', () => {
	it('is answered once the retry succeeds, never settled without a reply', async () => {
		h = await harness({ host: new FlakyIndexHost() });
		h.fake.script(textReply('Answered after all'));
		const id = prompt(h.doc, 'Hello?');
		await until(h.doc, () => h.messages().find((m) => m.id === id && m.state === 'done'), 'prompt done', 15_000);
		const reply = h.messages().find((m) => m.meta.replyTo === id && m.kind === 'assistant');
		expect(reply?.text).toBe('Answered after all');
	}, 30_000);
});
