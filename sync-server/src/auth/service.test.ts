import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory';
import { createAuth } from './service';

function setup() {
	let clock = 1_000_000;
	const store = createMemoryStore();
	const auth = createAuth({ store, configTokens: [{ tenant: 'alpha', token: 'alpha-secret' }], now: () => clock });
	return { auth, store, advance: (ms: number) => (clock += ms) };
}

describe('auth', () => {
	it('knows config tokens and refuses unknown ones', async () => {
		const { auth } = setup();
		expect(await auth.verify('alpha-secret')).toMatchObject({ tenant: 'alpha', source: 'config' });
		expect(await auth.verify('nope')).toBeNull();
		expect(await auth.verify(null)).toBeNull();
	});

	it('redeems a code once into a device token of the same tenant', async () => {
		const { auth } = setup();
		const { code } = await auth.mintCode('beta', 60_000, 'pairing');
		expect(await auth.verify(code)).toBeNull();
		const first = await auth.redeem(code, 'Phone');
		expect(first).toMatchObject({ ok: true, tenant: 'beta' });
		if (!first.ok) throw new Error('unreachable');
		expect(first.token).not.toBe(code);
		expect(await auth.verify(first.token)).toMatchObject({ tenant: 'beta', deviceId: first.deviceId, label: 'Phone' });
		expect(await auth.redeem(code, 'Thief')).toEqual({ ok: false, reason: 'invalid-token' });
		expect(await auth.redeem(first.token, 'again')).toEqual({ ...first });
	});

	it('refuses an expired code', async () => {
		const { auth, advance } = setup();
		const { code } = await auth.mintCode('beta', 60_000, 'pairing');
		advance(60_000);
		expect(await auth.redeem(code, 'late')).toEqual({ ok: false, reason: 'code-expired' });
	});

	it('revokes a device so its token stops working, and tells listeners', async () => {
		const { auth } = setup();
		const heard: string[] = [];
		auth.onRevoke((hash) => heard.push(hash));
		const a = await auth.mintDevice('beta', 'laptop');
		const b = await auth.mintDevice('beta', 'phone');
		expect((await auth.listDevices('beta')).map((d) => d.label)).toEqual(['laptop', 'phone']);
		expect(await auth.revokeDevice('alpha', a.deviceId)).toBe(false);
		expect(await auth.revokeDevice('beta', a.deviceId)).toBe(true);
		expect(await auth.verify(a.token)).toBeNull();
		const phone = await auth.verify(b.token);
		expect(phone).not.toBeNull();
		expect(await auth.signOut(phone!)).toBe(true);
		expect(await auth.verify(b.token)).toBeNull();
		expect(heard).toHaveLength(2);
	});

	it('drops the push subscriptions of a device that is revoked or signs out', async () => {
		const { auth, store } = setup();
		const a = await auth.mintDevice('beta', 'laptop');
		const b = await auth.mintDevice('beta', 'phone');
		const subscribe = (deviceId: string) =>
			store.putPushSubscription({ endpoint: `https://push.example/${deviceId}`, tenant: 'beta', deviceId, p256dh: 'k', auth: 'a', includeText: false, createdAt: 1 });
		await subscribe(a.deviceId);
		await subscribe(b.deviceId);
		await auth.revokeDevice('beta', a.deviceId);
		expect((await store.listPushSubscriptions('beta')).map((s) => s.deviceId)).toEqual([b.deviceId]);
		await auth.signOut((await auth.verify(b.token))!);
		expect(await store.listPushSubscriptions('beta')).toEqual([]);
	});

	it('does not revoke config tokens through the API', async () => {
		const { auth } = setup();
		const principal = await auth.verify('alpha-secret');
		expect(await auth.signOut(principal!)).toBe(false);
		expect(await auth.verify('alpha-secret')).not.toBeNull();
	});

	it('keeps one first-start code valid at a time, and none once a device signed in', async () => {
		const { auth } = setup();
		const earlier = await auth.firstStartCode('alpha', 60_000);
		const later = await auth.firstStartCode('alpha', 60_000);
		expect(await auth.redeem(earlier!, 'old link')).toEqual({ ok: false, reason: 'invalid-token' });
		const pairing = await auth.mintCode('alpha', 60_000, 'paired by laptop');
		expect(await auth.redeem(later!, 'laptop')).toMatchObject({ ok: true });
		expect(await auth.hasNoDevices()).toBe(false);
		expect(await auth.redeem(pairing.code, 'phone')).toMatchObject({ ok: true });
	});
});
