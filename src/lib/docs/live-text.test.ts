import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionDocName } from '$lib/core/docnames';
import { newId } from '$lib/core/ids';
import { appendMessage, appendText } from '$lib/core/ydoc';
import { openDb, type RunnerDb } from '$lib/db/schema';
import { watchMessageText } from './live-text';
import { createDocRegistry } from './registry';

let db: RunnerDb;
afterEach(() => db?.close());

describe('watchMessageText', () => {
	it('reports a streaming message’s text on every delta, and stops and lets the document go when asked', async () => {
		db = openDb(`t-${newId()}`);
		const registry = createDocRegistry(db);
		const sessionId = newId();
		const doc = await registry.open(sessionDocName(sessionId));
		const reply = appendMessage(doc, { id: newId(), kind: 'assistant', text: 'Hel', state: 'streaming', createdAt: 1, meta: {} });
		const seen: string[] = [];
		const stop = await watchMessageText(registry, sessionId, reply.get('id') as string, (text) => seen.push(text));
		appendText(reply, 'lo');
		appendText(reply, ', world');
		expect(seen).toEqual(['Hel', 'Hello', 'Hello, world']);

		stop();
		appendText(reply, '!');
		expect(seen).toHaveLength(3);
		registry.release(sessionDocName(sessionId));
		expect(registry.openNames()).toEqual([]);
	});

	it('reports nothing for a message the document does not hold, and holds nothing open', async () => {
		db = openDb(`t-${newId()}`);
		const registry = createDocRegistry(db);
		const seen: string[] = [];
		const stop = await watchMessageText(registry, newId(), newId(), (text) => seen.push(text));
		stop();
		expect(seen).toEqual([]);
		expect(registry.openNames()).toEqual([]);
	});
});
