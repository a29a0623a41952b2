// The behaviour every Store backend must show, run against each backend by its own test file.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Store, TokenRecord } from './types';

const update = (text: string) => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
};

const token = (over: Partial<TokenRecord>): TokenRecord => ({
	hash: 'h-' + Math.random().toString(36).slice(2),
	tenant: 'alpha',
	deviceId: 'dev-' + Math.random().toString(36).slice(2),
	kind: 'device',
	label: 'test',
	createdAt: 1000,
	expiresAt: null,
	lastUsedAt: null,
	...over
});

export function storeContract(name: string, open: () => Promise<Store>) {
	describe(`${name} store`, () => {
		it('returns appended updates in order, per tenant and document', async () => {
			const store = await open();
			const [a, b, c] = [update('a'), update('b'), update('c')];
			await store.appendUpdates('alpha', 'index', [a, b]);
			await store.appendUpdates('alpha', 'index', [c]);
			await store.appendUpdates('beta', 'index', [c]);
			expect(await store.loadUpdates('alpha', 'index')).toEqual([a, b, c]);
			expect(await store.loadUpdates('beta', 'index')).toEqual([c]);
			expect(await store.loadUpdates('alpha', 'session/x')).toEqual([]);
			await store.close();
		});

		it('compacts a log into one merged row and keeps later appends', async () => {
			const store = await open();
			await store.appendUpdates('alpha', 'index', [update('a'), update('b'), update('c')]);
			const merged = await store.compact('alpha', 'index', (rows) => Y.mergeUpdates(rows));
			expect(merged).toBe(3);
			expect(await store.countUpdates('alpha', 'index')).toBe(1);
			await store.appendUpdates('alpha', 'index', [update('d')]);
			const doc = new Y.Doc();
			for (const u of await store.loadUpdates('alpha', 'index')) Y.applyUpdate(doc, u);
			expect(doc.getText('t').toString().split('').sort().join('')).toBe('abcd');
			await store.close();
		});

		it("numbers a document's rows without gaps and reads the ones after a number", async () => {
			const store = await open();
			const [a, b, c, d] = [update('a'), update('b'), update('c'), update('d')];
			expect(await store.appendUpdates('alpha', 'index', [a, b])).toBe(2);
			expect(await store.appendUpdates('beta', 'index', [a])).toBe(1);
			expect(await store.appendUpdates('alpha', 'index', [c])).toBe(3);
			expect(await store.loadSince('alpha', 'index', 1)).toEqual({ updates: [b, c], head: 3 });
			expect(await store.loadSince('alpha', 'session/x', 0)).toEqual({ updates: [], head: 0 });
			await store.compact('alpha', 'index', (rows) => Y.mergeUpdates(rows));
			expect(await store.appendUpdates('alpha', 'index', [d])).toBe(4);
			// A reader behind the compaction gets the snapshot, which holds what it missed.
			const behind = await store.loadSince('alpha', 'index', 2);
			expect(behind.head).toBe(4);
			const doc = new Y.Doc();
			for (const u of behind.updates) Y.applyUpdate(doc, u);
			expect(doc.getText('t').toString().split('').sort().join('')).toBe('abcd');
			expect((await store.loadSince('alpha', 'index', 3)).updates).toEqual([d]);
			await store.close();
		});

		it('numbers appends made at once to several documents, the same one twice among them, as if made one by one', async () => {
			const store = await open();
			const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(update);
			await store.appendUpdates('alpha', 'index', [a]);
			const lasts = await Promise.all([
				store.appendUpdates('alpha', 'index', [b, c]),
				store.appendUpdates('beta', 'index', [d]),
				store.appendUpdates('alpha', 'session/x', [e]),
				store.appendUpdates('alpha', 'index', [d, e])
			]);
			expect(lasts).toEqual([3, 1, 1, 5]);
			expect(await store.loadSince('alpha', 'index', 0)).toEqual({ updates: [a, b, c, d, e], head: 5 });
			expect(await store.loadSince('beta', 'index', 0)).toEqual({ updates: [d], head: 1 });
			expect(await store.loadSince('alpha', 'session/x', 0)).toEqual({ updates: [e], head: 1 });
			await store.close();
		});

		it('lets one caller claim a notice until its time has passed', async () => {
			const store = await open();
			expect(await store.claimNotice('first-sign-in', 1000, 500)).toBe(true);
			expect(await store.claimNotice('first-sign-in', 1200, 500)).toBe(false);
			expect(await store.claimNotice('other', 1200, 500)).toBe(true);
			expect(await store.claimNotice('first-sign-in', 1500, 500)).toBe(true);
			await store.close();
		});

		it('leaves the log untouched when the merge fails', async () => {
			const store = await open();
			await store.appendUpdates('alpha', 'index', [update('a'), update('b')]);
			await expect(
				store.compact('alpha', 'index', () => {
					throw new Error('boom');
				})
			).rejects.toThrow('boom');
			expect(await store.countUpdates('alpha', 'index')).toBe(2);
			await store.close();
		});

		it('redeems a one-time code exactly once, and never an expired one', async () => {
			const store = await open();
			const code = token({ kind: 'code', expiresAt: 5000 });
			await store.insertToken(code);
			const device = token({ deviceId: code.deviceId });
			expect(await store.redeemCode(code.hash, device, 4000)).toMatchObject({ hash: code.hash, tenant: 'alpha' });
			expect(await store.findToken(device.hash)).toEqual(device);
			expect(await store.redeemCode(code.hash, token({}), 4000)).toBeNull();
			const old = token({ kind: 'code', expiresAt: 5000 });
			await store.insertToken(old);
			expect(await store.redeemCode(old.hash, token({}), 5000)).toBeNull();
			expect(await store.deleteExpiredCodes(5000)).toBe(1);
			expect(await store.findToken(old.hash)).toBeNull();
			const first = token({ kind: 'code', label: 'first sign-in', expiresAt: 9000 });
			await store.insertToken(first);
			expect(await store.deleteCodesLabelled('first sign-in')).toBe(1);
			expect(await store.findToken(first.hash)).toBeNull();
			await store.close();
		});

		it('lists, counts and deletes devices within a tenant only', async () => {
			const store = await open();
			const mine = token({ createdAt: 1 });
			const theirs = token({ tenant: 'beta', createdAt: 2 });
			await store.insertToken(mine);
			await store.insertToken(theirs);
			await store.insertToken(token({ kind: 'code', expiresAt: 9e12 }));
			expect((await store.listDevices('alpha')).map((d) => d.hash)).toEqual([mine.hash]);
			expect(await store.countDevices()).toBe(2);
			expect(await store.deleteDevice('alpha', theirs.deviceId)).toBeNull();
			expect(await store.deleteDevice('beta', theirs.deviceId)).toMatchObject({ hash: theirs.hash });
			expect(await store.findToken(theirs.hash)).toBeNull();
			await store.touchToken(mine.hash, 42);
			expect((await store.findToken(mine.hash))?.lastUsedAt).toBe(42);
			expect(await store.deleteToken(mine.hash)).toBe(true);
			expect(await store.deleteToken(mine.hash)).toBe(false);
			await store.close();
		});

		it('records which documents have unfinished turns', async () => {
			const store = await open();
			await store.setPending('alpha', 'session/a', true);
			await store.setPending('alpha', 'session/a', true);
			await store.setPending('beta', 'session/b', true);
			await store.setPending('beta', 'session/b', false);
			expect(await store.listPending()).toEqual([{ tenant: 'alpha', doc: 'session/a' }]);
			await store.close();
		});

		it('keeps the first VAPID key pair it is given', async () => {
			const store = await open();
			const first = { publicKey: 'pub-1', privateKey: 'priv-1' };
			expect(await store.vapidKeys(first, 1)).toEqual(first);
			expect(await store.vapidKeys({ publicKey: 'pub-2', privateKey: 'priv-2' }, 2)).toEqual(first);
			await store.close();
		});

		it("keeps push subscriptions per tenant, replaces one by endpoint and never takes another tenant's", async () => {
			const store = await open();
			const sub = { endpoint: 'https://push.example/a', tenant: 'alpha', deviceId: 'd1', p256dh: 'k', auth: 'a', includeText: false, createdAt: 1 };
			expect(await store.putPushSubscription(sub)).toBe(true);
			expect(await store.putPushSubscription({ ...sub, includeText: true, createdAt: 2 })).toBe(true);
			expect(await store.putPushSubscription({ ...sub, tenant: 'beta', auth: 'stolen' })).toBe(false);
			await store.putPushSubscription({ ...sub, endpoint: 'https://push.example/b', deviceId: 'd2', createdAt: 3 });
			const listed = await store.listPushSubscriptions('alpha');
			expect(listed.map((s) => [s.endpoint, s.includeText, s.auth])).toEqual([
				['https://push.example/a', true, 'a'],
				['https://push.example/b', false, 'a']
			]);
			expect(await store.listPushSubscriptions('beta')).toEqual([]);
			expect(await store.deletePushSubscription('beta', sub.endpoint)).toBe(false);
			expect(await store.deletePushSubscription('alpha', sub.endpoint)).toBe(true);
			expect((await store.listPushSubscriptions('alpha')).map((s) => s.deviceId)).toEqual(['d2']);
			expect(await store.deleteDeviceSubscriptions('beta', 'd2')).toBe(0);
			expect(await store.deleteDeviceSubscriptions('alpha', 'd2')).toBe(1);
			expect(await store.listPushSubscriptions('alpha')).toEqual([]);
			await store.close();
		});
	});
}
