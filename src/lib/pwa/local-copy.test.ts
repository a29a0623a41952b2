import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC, sessionDocName } from '$lib/core/docnames';
import { newId } from '$lib/core/ids';
import { latestMessages } from '$lib/db/messages';
import { openDb } from '$lib/db/schema';
import { allSessions } from '$lib/db/sessions';
import { createSessionActions } from '$lib/docs/actions';
import { createLocalDocs, type LocalDocs } from '$lib/docs/local';
import { localCopySizes, removeLocalCopy } from './local-copy';

let docs: LocalDocs | undefined;
afterEach(() => {
	docs?.close();
	docs?.db.close();
});

async function twoSessions() {
	docs = createLocalDocs(openDb(`t-${newId()}`), { mirrorDelayMs: 1 });
	await docs.start();
	const actions = createSessionActions(docs);
	const a = await actions.createSession('Alpha');
	const b = await actions.createSession('Beta');
	if (!a.ok || !b.ok) throw new Error('create failed');
	await actions.sendPrompt(a.value.id, 'a long prompt for alpha '.repeat(40));
	await actions.sendPrompt(b.value.id, 'beta');
	return { docs, alpha: a.value.id, beta: b.value.id };
}

async function docState(docs: LocalDocs, name: string): Promise<Uint8Array> {
	const doc = await docs.registry.open(name);
	const state = Y.encodeStateAsUpdateV2(doc);
	docs.registry.release(name);
	return state;
}

describe('local copy of a session', () => {
	it('measures each session on this device, larger for more content', async () => {
		const { docs, alpha, beta } = await twoSessions();
		const sizes = await localCopySizes(docs.db);
		expect(sizes.get(alpha)).toBeGreaterThan(960);
		expect(sizes.get(beta)).toBeGreaterThan(0);
		expect(sizes.get(alpha)!).toBeGreaterThan(sizes.get(beta)!);
	});

	it('counts a session whose doc is stored but still empty as kept here, and one never opened as not', async () => {
		const { docs } = await twoSessions();
		const actions = createSessionActions(docs);
		const opened = await actions.createSession('Opened, empty');
		const never = await actions.createSession('Never opened');
		if (!opened.ok || !never.ok) throw new Error('create failed');
		await docs.registry.open(sessionDocName(opened.value.id));
		const sizes = await localCopySizes(docs.db);
		expect(sizes.get(opened.value.id)).toBe(0);
		expect(sizes.has(never.value.id)).toBe(false);
		docs.registry.release(sessionDocName(opened.value.id));
	});

	it('drops messages and stored updates of one session but keeps it listed and leaves the index untouched', async () => {
		const { docs, alpha, beta } = await twoSessions();
		const indexBefore = Y.encodeStateVector(await docs.index());
		await removeLocalCopy(docs, alpha);

		expect((await allSessions(docs.db)).map((s) => s.title).sort()).toEqual(['Alpha', 'Beta']);
		expect(await latestMessages(docs.db, alpha, 10)).toEqual([]);
		expect((await latestMessages(docs.db, beta, 10)).map((m) => m.text)).toEqual(['beta']);
		expect(await docs.db.docs.get(sessionDocName(alpha))).toBeUndefined();
		// No change was made to a synced document, so there is nothing to send to the server.
		expect(Y.encodeStateVector(await docs.index())).toEqual(indexBefore);
		expect(await docs.db.docs.get(INDEX_DOC)).toBeDefined();
		const sizes = await localCopySizes(docs.db);
		expect(sizes.has(alpha)).toBe(false);
		expect(sizes.get(beta)).toBeGreaterThan(0);
	});

	it('fills again from the server state when the session is opened after removal', async () => {
		const { docs, alpha } = await twoSessions();
		const name = sessionDocName(alpha);
		const serverState = await docState(docs, name);
		await removeLocalCopy(docs, alpha);

		const doc = await docs.registry.open(name);
		expect(doc.getArray('messages').length).toBe(0);
		Y.applyUpdateV2(doc, serverState, 'server');
		await docs.settled();
		expect((await latestMessages(docs.db, alpha, 10)).map((m) => m.kind)).toEqual(['user']);
		docs.registry.release(name);
	});

	it('also removes a copy whose doc is open right now', async () => {
		const { docs, alpha } = await twoSessions();
		await docs.registry.open(sessionDocName(alpha));
		await removeLocalCopy(docs, alpha);
		expect(docs.registry.openNames()).not.toContain(sessionDocName(alpha));
		expect(await latestMessages(docs.db, alpha, 10)).toEqual([]);
	});
});
