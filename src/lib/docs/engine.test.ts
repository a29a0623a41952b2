import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { latestMessages } from '$lib/db/messages';
import { allSessions } from '$lib/db/sessions';
import { openRowsDb } from '$lib/db/tables';
import { startEngine, type DocsEngine } from './engine';

let engine: DocsEngine | undefined;
afterEach(() => engine?.close());

describe('the docs layer started beside the first screen', () => {
	it("writes what a session doc holds into the rows the first screen's connection reads, live", async () => {
		const rows = openRowsDb(`t-${newId()}`);
		const seen: string[][] = [];
		const sessions = liveQuery(() => allSessions(rows)).subscribe((list) => seen.push(list.map((s) => s.title)));
		await expect.poll(() => seen.length).toBe(1);

		engine = await startEngine(rows, () => 'claude-test');
		const created = await engine.actions.createSession('Made after the first screen');
		if (!created.ok) throw new Error(created.error);
		await engine.actions.sendPrompt(created.value.id, 'hello');
		await expect.poll(() => seen.at(-1)).toEqual(['Made after the first screen']);
		await expect.poll(async () => (await latestMessages(rows, created.value.id, 10)).map((m) => m.text)).toEqual(['hello']);
		sessions.unsubscribe();
		engine.close();
		engine = undefined;
		rows.close();
	});
});
