// Bounded memory: documents nobody holds are written out, compacted and unloaded after the idle time,
// and load again from the store with the same content.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { connectDevice, eventually, synced } from '../helpers/yclient';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer({ idleUnloadMs: 50, compactAfterUpdates: 20 });
});
afterEach(() => server.close());

const health = async () => ({ docs: server.registry.stats() });

describe('idle documents', () => {
	it('unloads a document once its last device leaves, and reloads it intact and compacted', async () => {
		const name = sessionDocName(newId());
		const device = connectDevice(server.syncUrl, name, TOKENS.alpha);
		await synced(device.provider);
		const text = device.doc.getText('t');
		for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`);
		device.doc.getMap('m').set('done', true);
		const content = (d: typeof device.doc) => ({ t: d.getText('t').toString(), m: d.getMap('m').toJSON() });
		const expected = content(device.doc);
		await eventually(async () => (await server.store.countUpdates('alpha', name)) > 0);
		expect((await health()).docs.loaded).toBe(1);

		device.destroy();
		await eventually(async () => (await health()).docs.loaded === 0);
		expect(await server.store.countUpdates('alpha', name)).toBe(1);

		const again = connectDevice(server.syncUrl, name, TOKENS.alpha);
		await synced(again.provider);
		expect(content(again.doc)).toEqual(expected);
		expect(expected.t).toContain('line 49');
		expect((await health()).docs.loaded).toBe(1);
		again.destroy();
	});

	it('keeps a document loaded while an in-process holder has it, and unloads it after release', async () => {
		const held = await server.registry.open('alpha', 'index');
		held.doc.getMap('m').set('x', 1);
		await new Promise((r) => setTimeout(r, 150));
		expect(server.registry.peek('alpha', 'index')).not.toBeNull();
		held.release();
		held.release();
		await eventually(() => server.registry.peek('alpha', 'index') === null);
		const reopened = await server.registry.open('alpha', 'index');
		expect(reopened.doc.getMap('m').get('x')).toBe(1);
		reopened.release();
	});

	it('holds no documents after hundreds were opened and closed', async () => {
		const names = Array.from({ length: 300 }, () => sessionDocName(newId()));
		for (const name of names) {
			const held = await server.registry.open('alpha', name);
			held.doc.getText('t').insert(0, name);
			held.release();
		}
		await eventually(async () => (await health()).docs.loaded === 0);
		const sample = await server.registry.open('alpha', names[123]);
		expect(sample.doc.getText('t').toString()).toBe(names[123]);
		sample.release();
	});
});
