import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$lib/core/ids';
import { DOC_UPDATES_TABLE } from '$lib/db/names';
import { openDb, type RunnerDb } from '$lib/db/schema';
import { createDocRegistry } from './registry';

let db: RunnerDb;
afterEach(() => db?.close());

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('doc registry', () => {
	it('hands out one loaded instance per name and keeps it while anyone holds it', async () => {
		db = openDb(`t-${newId()}`);
		const registry = createDocRegistry(db);
		const [a, b] = await Promise.all([registry.open('index'), registry.open('index')]);
		expect(a).toBe(b);
		registry.release('index');
		expect(registry.openNames()).toEqual(['index']);
		registry.release('index');
		expect(registry.openNames()).toEqual([]);
	});

	it('persists edits, so a later load on a fresh database connection sees them', async () => {
		const name = `t-${newId()}`;
		db = openDb(name);
		const doc = await createDocRegistry(db).open('session/abc');
		doc.getMap('m').set('k', 'v');
		await settle();
		db.close();
		db = openDb(name);
		const again = await createDocRegistry(db).open('session/abc');
		expect(again.getMap('m').get('k')).toBe('v');
	});

	it('tells listeners when a doc opens and closes, including docs open before they listened', async () => {
		db = openDb(`t-${newId()}`);
		const registry = createDocRegistry(db);
		const events: string[] = [];
		await registry.open('index');
		registry.listen({
			opened(name) {
				events.push(`open ${name}`);
				return () => events.push(`close ${name}`);
			}
		});
		await settle();
		await registry.open('session/x');
		registry.release('session/x');
		registry.release('index');
		await settle();
		expect(events.sort()).toEqual(['close index', 'close session/x', 'open index', 'open session/x']);
	});

	it('forgets a document: its updates are gone and a new open starts empty', async () => {
		db = openDb(`t-${newId()}`);
		const registry = createDocRegistry(db);
		const doc = await registry.open('session/gone');
		doc.getMap('m').set('k', 'v');
		await settle();
		await registry.forget('session/gone');
		expect(await db.table(DOC_UPDATES_TABLE).where('k').equals('session/gone').count()).toBe(0);
		const fresh = await registry.open('session/gone');
		expect(fresh.getMap('m').get('k')).toBeUndefined();
	});
});
