// Devices: a signed-in device pairs a second one through a one-time link; devices are listed and
// revoked, and a revoked token is refused on the API and on sync sockets (open ones are closed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { connectDevice, handshake, synced, until } from '../helpers/yclient';

let server: TestServer;
let laptop: string;

beforeAll(async () => {
	server = await startTestServer();
	laptop = (await server.auth.mintDevice('gamma', 'laptop')).token;
});
afterAll(() => server.close());

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
	fetch(`${server.origin}/api${path}`, {
		...init,
		headers: {
			...(init.body ? { 'Content-Type': 'application/json' } : {}),
			...(init.token ? { Authorization: `Bearer ${init.token}` } : {})
		}
	});

async function pairNewDevice(label: string) {
	const pairing = await api('/pairings', { method: 'POST', token: laptop });
	expect(pairing.status).toBe(201);
	const { url, code } = (await pairing.json()) as { url: string; code: string };
	const redeem = await api('/auth/redeem', { method: 'POST', body: JSON.stringify({ token: code, label }) });
	expect(redeem.status).toBe(200);
	return { url, code, ...((await redeem.json()) as { token: string; tenant: string; deviceId: string }) };
}

describe('pairing', () => {
	it('gives a sign-in link with a QR code for a signed-in device only', async () => {
		expect((await api('/pairings', { method: 'POST' })).status).toBe(401);
		const res = await api('/pairings', { method: 'POST', token: laptop });
		const body = (await res.json()) as { url: string; code: string; expiresAt: number; qrSvg: string; qrDataUrl: string };
		expect(body.url).toBe(`${server.origin}/signin#token=${body.code}`);
		expect(body.expiresAt).toBeGreaterThan(Date.now());
		expect(body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
		expect(body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
	});

	it('redeems a pairing code once into a device token of the same tenant', async () => {
		const phone = await pairNewDevice('phone');
		expect(phone.tenant).toBe('gamma');
		expect(phone.token).not.toBe(phone.code);
		const again = await api('/auth/redeem', { method: 'POST', body: JSON.stringify({ token: phone.code }) });
		expect(again.status).toBe(401);
		expect(await again.json()).toEqual({ error: { reason: 'invalid-token', message: expect.any(String) } });

		const me = await api('/me', { token: phone.token });
		expect(await me.json()).toEqual({ tenant: 'gamma', device: { id: phone.deviceId, label: 'phone', source: 'device' } });

		// Both devices see the same tenant's documents.
		const name = sessionDocName(newId());
		const a = connectDevice(server.syncUrl, name, laptop);
		const b = connectDevice(server.syncUrl, name, phone.token);
		await Promise.all([synced(a.provider), synced(b.provider)]);
		a.doc.getText('t').insert(0, 'paired');
		await until(b.doc, () => b.doc.getText('t').toString() === 'paired');
		a.destroy();
		b.destroy();
	});

	it('returns an ordinary token as it is', async () => {
		const res = await api('/auth/redeem', { method: 'POST', body: JSON.stringify({ token: laptop }) });
		expect(await res.json()).toMatchObject({ token: laptop, tenant: 'gamma' });
	});

	it('refuses bodies that are not a redeem request', async () => {
		const res = await api('/auth/redeem', { method: 'POST', body: '{"tok":1}' });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('invalid-body');
	});
});

describe('devices', () => {
	it('lists the tenant devices and marks the caller', async () => {
		const res = await api('/devices', { token: laptop });
		const { devices } = (await res.json()) as { devices: Array<{ label: string; current: boolean }> };
		expect(devices.find((d) => d.current)?.label).toBe('laptop');
		expect(devices.every((d) => typeof d.label === 'string')).toBe(true);
	});

	it('revokes another device: its token is refused and its open socket closed for good', async () => {
		const tablet = await pairNewDevice('tablet');
		const device = connectDevice(server.syncUrl, 'index', tablet.token);
		await synced(device.provider);
		const closedForGood = new Promise<number>((resolve) => device.provider.on('closed', (event) => resolve(event.code)));

		expect((await api(`/devices/${tablet.deviceId}`, { method: 'DELETE', token: laptop })).status).toBe(200);
		expect(await closedForGood).toBe(4401);
		expect((await api('/me', { token: tablet.token })).status).toBe(401);
		expect(await handshake(`${server.syncUrl}/index?token=${tablet.token}`)).toEqual({ opened: false, status: 401 });
		expect((await api(`/devices/${tablet.deviceId}`, { method: 'DELETE', token: laptop })).status).toBe(404);
		device.destroy();
	});

	it('cannot revoke a device of another tenant', async () => {
		const stranger = await server.auth.mintDevice('delta', 'stranger');
		const res = await api(`/devices/${stranger.deviceId}`, { method: 'DELETE', token: laptop });
		expect(res.status).toBe(404);
		expect((await api('/me', { token: stranger.token })).status).toBe(200);
	});

	it('signs a device out by revoking its own token', async () => {
		const watch = await pairNewDevice('watch');
		const res = await api('/auth/signout', { method: 'POST', token: watch.token });
		expect(await res.json()).toEqual({ ok: true, revoked: true });
		expect((await api('/devices', { token: watch.token })).status).toBe(401);
	});
});
