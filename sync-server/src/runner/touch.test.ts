// A turn announces itself in the tenant's index: the session's updatedAt moves when the prompt starts
// running and again when it ends, so other devices' background pools fetch the session while and after it runs.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC } from '../../../src/lib/core/docnames';
import { requestStop } from '../../../src/lib/core/turns';
import { findMessage, readSession, sessionsMap } from '../../../src/lib/core/ydoc';
import { harness, prompt, TENANT, until, type Harness } from '../../../tests/integration/runner-harness';
import { textReply } from '../demo/script';

let h: Harness | undefined;
afterEach(() => h?.close());

const updatedAt = (index: Y.Doc, id: string) => readSession(sessionsMap(index).get(id)!)!.updatedAt;

describe('the runner bumps the session in the index', () => {
	it('when a turn starts running and when it ends', async () => {
		let clock = 1000;
		h = await harness({ model: 'claude-test', now: () => ++clock });
		const index = h.host.doc(TENANT, INDEX_DOC);
		expect(updatedAt(index, h.sessionId)).toBe(1);
		h.fake.script({ type: 'hang' });
		const id = prompt(h.doc, 'wait for me');
		const state = () => findMessage(h!.doc, id)?.get('state');

		const started = await until(index, () => updatedAt(index, h!.sessionId) > 1 && updatedAt(index, h!.sessionId), 'start bump');
		expect(state()).toBe('running');

		requestStop(h.doc, id, ++clock);
		await until(index, () => updatedAt(index, h!.sessionId) > started, 'end bump');
		expect(state()).toBe('done');
	});

	it('once more after a turn that completes normally', async () => {
		let clock = 1000;
		h = await harness({ model: 'claude-test', now: () => ++clock });
		const index = h.host.doc(TENANT, INDEX_DOC);
		const seen: number[] = [];
		index.on('update', () => seen.push(updatedAt(index, h!.sessionId)));
		h.fake.script(textReply('Hello.'));
		const id = prompt(h.doc, 'hi');
		await until(h.doc, () => findMessage(h!.doc, id)?.get('state') === 'done', 'turn done');
		await h.runner.settled();
		expect(seen.length).toBe(2);
		expect(seen[1]).toBeGreaterThan(seen[0]);
	});
});
