import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { openDb } from '$lib/db/schema';
import { createSessionActions } from '$lib/docs/actions';
import { createLocalDocs, type LocalDocs } from '$lib/docs/local';
import { openSearch, type SearchService } from './service';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

async function tab(name: string) {
	const docs: LocalDocs = createLocalDocs(openDb(name), { mirrorDelayMs: 1 });
	await docs.start();
	cleanups.push(() => {
		docs.close();
		docs.db.close();
	});
	return { docs, actions: createSessionActions(docs) };
}

async function search(docs: LocalDocs) {
	const service: SearchService = await openSearch(docs.db);
	cleanups.unshift(() => service.close());
	return service;
}

const found = async (service: SearchService, text: string, sessionId?: string) =>
	(await service.search(text, sessionId)).map((r) => r.parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join(''));

describe('search on the device', () => {
	it('builds from the mirror, then follows new messages as they are written', async () => {
		const { docs, actions } = await tab(`t-${newId()}`);
		const made = await actions.createSession('Flaky login test');
		if (!made.ok) throw new Error('setup');
		await actions.sendPrompt(made.value.id, 'why does the login test time out on CI');
		const service = await search(docs);
		expect(await found(service, 'login')).toEqual(['Flaky [login] test', 'why does the [login] test time out on CI']);

		await actions.sendPrompt(made.value.id, 'try raising the websocket timeout');
		expect(await found(service, 'websocket')).toEqual(['try raising the [websocket] timeout']);
		await actions.renameSession(made.value.id, 'Login on CI');
		expect((await service.search('flaky')).length).toBe(0);
		expect((await service.search('login'))[0]!.sessionTitle).toBe('Login on CI');
	});

	it('a cold start loads the saved index instead of rebuilding it', async () => {
		const name = `t-${newId()}`;
		const first = await tab(name);
		const made = await first.actions.createSession('Saved');
		if (!made.ok) throw new Error('setup');
		await first.actions.sendPrompt(made.value.id, 'persisted words survive');
		const service = await search(first.docs);
		await service.save();
		const savedAt = (await first.docs.db.searchIndex.get('messages'))!.savedAt;

		const again = await openSearch(first.docs.db, () => savedAt + 1);
		cleanups.unshift(() => again.close());
		expect(await found(again, 'survive')).toEqual(['persisted words [survive]']);
		// Nothing had changed, so nothing was rebuilt or written again.
		expect((await first.docs.db.searchIndex.get('messages'))!.savedAt).toBe(savedAt);
	});

	it("catches up with another tab's writes, which its own change feed never saw", async () => {
		const name = `t-${newId()}`;
		const mine = await tab(name);
		const made = await mine.actions.createSession('Shared');
		if (!made.ok) throw new Error('setup');
		const service = await search(mine.docs);
		const other = await tab(name);
		await other.actions.sendPrompt(made.value.id, 'written in the other tab');
		expect(await service.search('other')).toEqual([]);
		await service.catchUp();
		expect(await found(service, 'other tab')).toEqual(['written in the [other] [tab]']);
	});

	it('forgets a deleted session and keeps to one session when asked', async () => {
		const { docs, actions } = await tab(`t-${newId()}`);
		const a = await actions.createSession('Alpha');
		const b = await actions.createSession('Beta');
		if (!a.ok || !b.ok) throw new Error('setup');
		await actions.sendPrompt(a.value.id, 'shared word in alpha');
		await actions.sendPrompt(b.value.id, 'shared word in beta');
		const service = await search(docs);
		expect((await service.search('shared', b.value.id)).map((r) => r.sessionId)).toEqual([b.value.id]);
		await actions.deleteSession(a.value.id);
		expect((await service.search('shared')).map((r) => r.sessionId)).toEqual([b.value.id]);
		expect(await service.search('alpha')).toEqual([]);
	});
});
