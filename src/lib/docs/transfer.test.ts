import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { messagesFrom } from '$lib/db/messages';
import { openDb } from '$lib/db/schema';
import { allSessions } from '$lib/db/sessions';
import { createSessionActions } from './actions';
import { createLocalDocs, type LocalDocs } from './local';
import { exportMarkdown, exportSessions, importSessions } from './transfer';

const opened: LocalDocs[] = [];
afterEach(() => {
	for (const docs of opened.splice(0)) {
		docs.close();
		docs.db.close();
	}
});

async function device() {
	const docs = createLocalDocs(openDb(`t-${newId()}`), { mirrorDelayMs: 1 });
	opened.push(docs);
	await docs.start();
	return { docs, actions: createSessionActions(docs) };
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('export and import between devices', () => {
	it('exports every session as one archive that another device imports as new sessions', async () => {
		const a = await device();
		const alpha = await a.actions.createSession('Alpha');
		const beta = await a.actions.createSession('Beta');
		if (!alpha.ok || !beta.ok) throw new Error('setup');
		await a.actions.sendPrompt(alpha.value.id, 'explain the ñ parser');
		await a.actions.sendPrompt(beta.value.id, 'second');

		const archive = JSON.stringify(await exportSessions(a.docs.db));
		const b = await device();
		const result = await importSessions(b.docs, archive, bytes(archive));
		expect(result.ok).toBe(true);
		const listed = await allSessions(b.docs.db);
		expect(listed.map((s) => s.title).sort()).toEqual(['Alpha', 'Beta']);
		const imported = listed.find((s) => s.title === 'Alpha')!;
		expect(imported.id).not.toBe(alpha.value.id);
		const rows = await messagesFrom(b.docs.db, imported.id, 0);
		expect(rows.map((m) => [m.kind, m.text, m.state])).toEqual([['user', 'explain the ñ parser', 'done']]);
	});

	it('importing the same file twice makes two copies and overwrites nothing', async () => {
		const a = await device();
		const made = await a.actions.createSession('Only');
		if (!made.ok) throw new Error('setup');
		await a.actions.sendPrompt(made.value.id, 'hello');
		const file = JSON.stringify(await exportSessions(a.docs.db, made.value.id));
		await importSessions(a.docs, file, bytes(file));
		await importSessions(a.docs, file, bytes(file));
		const listed = await allSessions(a.docs.db);
		expect(listed.map((s) => s.title)).toEqual(['Only', 'Only', 'Only']);
		expect(new Set(listed.map((s) => s.id)).size).toBe(3);
		expect((await messagesFrom(a.docs.db, made.value.id, 0)).map((m) => m.state)).toEqual(['queued']);
	});

	it('a damaged file is refused with a reason and leaves the device as it was', async () => {
		const a = await device();
		await a.actions.createSession('Keep me');
		const docsBefore = await a.docs.db.docs.count();
		const good = await exportSessions(a.docs.db);
		const damaged = JSON.stringify({ ...good, sessions: [...good.sessions, { session: { id: 'x' }, messages: [] }] });
		const result = await importSessions(a.docs, damaged, bytes(damaged));
		expect(result).toMatchObject({ ok: false, error: { reason: 'import-invalid' } });
		expect((await allSessions(a.docs.db)).map((s) => s.title)).toEqual(['Keep me']);
		expect(await a.docs.db.docs.count()).toBe(docsBefore);
	});

	it('exports one session as Markdown', async () => {
		const a = await device();
		const made = await a.actions.createSession('Readable');
		if (!made.ok) throw new Error('setup');
		await a.actions.sendPrompt(made.value.id, 'list the files');
		expect(await exportMarkdown(a.docs.db, made.value.id)).toMatch(/^# Readable\n[\s\S]*## Prompt · .*\n\nlist the files\n$/);
	});
});
