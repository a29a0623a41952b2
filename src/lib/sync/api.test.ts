import { describe, expect, it } from 'vitest';
import { accountApi } from './api';

type Call = { url: string; method: string; auth: string | null };

function fakeServer(reply: (call: Call) => Response) {
	const calls: Call[] = [];
	const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const call = { url: String(input), method: init?.method ?? 'GET', auth: new Headers(init?.headers).get('authorization') };
		calls.push(call);
		return reply(call);
	}) as typeof fetch;
	return { calls, fetcher };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('account API', () => {
	it('sends the device token as a bearer token and returns the list of devices', async () => {
		const device = { id: 'd1', label: 'Chrome on Linux', createdAt: 1, lastUsedAt: null, current: true };
		const server = fakeServer(() => json({ devices: [device] }));
		const result = await accountApi('tok-1', server.fetcher).devices();
		expect(result).toEqual({ ok: true, value: [device] });
		expect(server.calls).toEqual([{ url: '/api/devices', method: 'GET', auth: 'Bearer tok-1' }]);
	});

	it("passes on the server's reason and message when it refuses", async () => {
		const server = fakeServer(() => json({ error: { reason: 'invalid-token', message: 'This token is not valid.' } }, 401));
		expect(await accountApi('old', server.fetcher).me()).toEqual({
			ok: false,
			reason: 'invalid-token',
			message: 'This token is not valid.'
		});
	});

	it('says the server cannot be reached when the request fails, and names an HTTP error without a body', async () => {
		const down = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		expect(await accountApi('t', down).signOut()).toMatchObject({ ok: false, reason: 'server-unreachable' });
		const bare = fakeServer(() => new Response('gateway', { status: 502 }));
		expect(await accountApi('t', bare.fetcher).revoke('a/b')).toMatchObject({ ok: false, reason: 'http-502' });
		expect(bare.calls[0]).toMatchObject({ url: '/api/devices/a%2Fb', method: 'DELETE' });
	});

	it('accepts a pairing only with an SVG data URL for its QR code', async () => {
		const pairing = { url: 'http://h/signin#token=c', code: 'c', expiresAt: 5, qrSvg: '<svg/>', qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' };
		const good = fakeServer(() => json(pairing, 201));
		expect(await accountApi('t', good.fetcher).pair()).toEqual({
			ok: true,
			value: { url: pairing.url, expiresAt: 5, qrDataUrl: pairing.qrDataUrl }
		});
		const bad = fakeServer(() => json({ ...pairing, qrDataUrl: 'javascript:alert(1)' }, 201));
		expect(await accountApi('t', bad.fetcher).pair()).toMatchObject({ ok: false, reason: 'bad-reply' });
	});
});
