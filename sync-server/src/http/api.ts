// The auth and device API. Every route but redeem needs a bearer token, and only ever touches the
// caller's own tenant: a device id from another tenant is simply not found.
import { Hono } from 'hono';
import { z } from 'zod';
import { requireAuth } from '../auth/middleware';
import { qrImage, signInLink } from '../auth/pairing';
import type { Auth } from '../auth/service';
import type { AppEnv } from './env';
import { apiError } from './errors';
import { readJson } from './read-json';
import { labelFromUserAgent } from '../../../src/lib/core/user-agent';

export interface ApiOptions {
	auth: Auth;
	pairingTtlMs: number;
	/** The origin links point at; by default the origin the caller used. */
	publicUrl: string | undefined;
}

const RedeemBody = z.object({ token: z.string().min(1).max(512), label: z.string().max(200).optional() });
const PairingBody = z.object({ label: z.string().max(200).optional() }).optional();

export function apiRoutes({ auth, pairingTtlMs, publicUrl }: ApiOptions) {
	const api = new Hono<AppEnv>();
	const authed = requireAuth(auth);

	api.post('/auth/redeem', async (c) => {
		const body = RedeemBody.safeParse(await readJson(c.req));
		if (!body.success) return apiError(c, 400, 'invalid-body', 'Send JSON { "token": "<token or sign-in code>" }.');
		const label = body.data.label ?? labelFromUserAgent(c.req.header('user-agent'));
		const result = await auth.redeem(body.data.token, label);
		if (!result.ok) {
			const message =
				result.reason === 'code-expired'
					? 'This sign-in link has expired; ask a signed-in device for a new one.'
					: 'This sign-in link or token is not valid (already used, revoked or unknown).';
			return apiError(c, 401, result.reason, message);
		}
		return c.json({ token: result.token, tenant: result.tenant, deviceId: result.deviceId });
	});

	api.get('/me', authed, (c) => {
		const { tenant, deviceId, label, source } = c.get('principal');
		return c.json({ tenant, device: { id: deviceId, label, source } });
	});

	api.post('/pairings', authed, async (c) => {
		const body = PairingBody.safeParse(await readJson(c.req));
		if (!body.success) return apiError(c, 400, 'invalid-body', 'Send no body, or JSON { "label": "..." }.');
		const principal = c.get('principal');
		const { code, expiresAt } = await auth.mintCode(principal.tenant, pairingTtlMs, body.data?.label ?? `paired by ${principal.label}`);
		const url = signInLink(publicUrl ?? new URL(c.req.url).origin, code);
		const qr = await qrImage(url);
		return c.json({ url, code, expiresAt, qrSvg: qr.svg, qrDataUrl: qr.dataUrl }, 201);
	});

	api.post('/auth/signout', authed, async (c) => {
		const revoked = await auth.signOut(c.get('principal'));
		return c.json({ ok: true, revoked });
	});

	api.get('/devices', authed, async (c) => {
		const { tenant, deviceId } = c.get('principal');
		const devices = await auth.listDevices(tenant);
		return c.json({ devices: devices.map((d) => ({ ...d, current: d.id === deviceId })) });
	});

	api.delete('/devices/:id', authed, async (c) => {
		const removed = await auth.revokeDevice(c.get('principal').tenant, c.req.param('id'));
		if (!removed) return apiError(c, 404, 'device-not-found', 'No such device in your account.');
		return c.json({ ok: true });
	});

	return api;
}
