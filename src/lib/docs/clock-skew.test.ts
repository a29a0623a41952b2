import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '$lib/core/ids';
import { openDb } from '$lib/db/schema';
import { allSessions } from '$lib/db/sessions';
import { createSessionActions } from './actions';
import { createLocalDocs, type LocalDocs } from './local';

const MINUTE = 60_000;
const opened: LocalDocs[] = [];
afterEach(() => {
	for (const docs of opened.splice(0)) {
		docs.close();
		docs.db.close();
	}
});

/** A device whose clock is `skew` ms off the true time `clock.now`. */
async function device(clock: { now: number }, skew: number) {
	const docs = createLocalDocs(openDb(`t-${newId()}`), { mirrorDelayMs: 1 });
	opened.push(docs);
	return { docs, index: await docs.start(), actions: createSessionActions(docs, () => clock.now + skew) };
}

/** Keeps two index docs in step, as the sync server does. */
function link(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'link');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'link');
	a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'link' && Y.applyUpdate(b, update, 'link'));
	b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'link' && Y.applyUpdate(a, update, 'link'));
}

const titles = async (docs: LocalDocs) => (await allSessions(docs.db)).map((s) => s.title);
const updatedAt = async (docs: LocalDocs, title: string) => (await allSessions(docs.db)).find((s) => s.title === title)!.updatedAt;

describe('devices whose clocks disagree', () => {
	for (const [label, skew] of [['behind', -10 * MINUTE], ['ahead', 10 * MINUTE]] as const) {
		it(`with one clock ten minutes ${label}, each change is signalled and the most recently changed session comes first`, async () => {
			const clock = { now: 1_800_000_000_000 };
			const right = await device(clock, 0);
			const skewed = await device(clock, skew);
			link(right.index, skewed.index);
			const tick = () => (clock.now += 1000);

			const first = await right.actions.createSession('First');
			tick();
			const second = await skewed.actions.createSession('Second');
			if (!first.ok || !second.ok) throw new Error('not created');
			await Promise.all([right.docs.settled(), skewed.docs.settled()]);
			await expect.poll(() => titles(right.docs)).toEqual(['Second', 'First']);

			// Each prompt bumps its session above every other, whichever clock wrote it.
			for (const [writer, session, top] of [
				[right, first.value, 'First'],
				[skewed, second.value, 'Second'],
				[right, first.value, 'First']
			] as const) {
				tick();
				const seenBefore = await updatedAt(right.docs, top);
				const sent = await writer.actions.sendPrompt(session.id, `a prompt in ${top}`);
				expect(sent.ok).toBe(true);
				await Promise.all([right.docs.settled(), skewed.docs.settled()]);
				for (const docs of [right.docs, skewed.docs]) {
					await expect.poll(() => titles(docs)).toEqual([top, top === 'First' ? 'Second' : 'First']);
					// The background pool fetches a session whose updatedAt grew past what it saw.
					expect(await updatedAt(docs, top)).toBeGreaterThan(seenBefore);
				}
			}
		});
	}
});
