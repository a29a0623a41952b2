// The push API (signed-in devices only, each within its own tenant): the deployment's public VAPID key,
// and a device's subscription put or taken away. Endpoints must be https: the server posts to them.
import { Hono } from 'hono';
import { z } from 'zod';
import { PushSubscriptionSchema } from '../../../src/lib/core/push';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { readJson } from '../http/read-json';
import type { PushStore } from '../store/types';

export interface PushRoutesOptions {
	store: PushStore;
	publicKey: string;
	now?: () => number;
}

/** Each notice is sent to every subscription of the tenant: a bound keeps one account from fanning out without end. */
export const MAX_SUBSCRIPTIONS_PER_TENANT = 50;

const PutBody = z.object({ subscription: PushSubscriptionSchema, includeText: z.boolean().default(false) });
const DeleteBody = z.object({ endpoint: z.string().max(2048) });

export function pushRoutes({ store, publicKey, now = Date.now }: PushRoutesOptions) {
	const api = new Hono<AppEnv>();

	api.get('/key', (c) => c.json({ publicKey }));

	api.put('/subscription', async (c) => {
		const body = PutBody.safeParse(await readJson(c.req));
		if (!body.success || !body.data.subscription.endpoint.startsWith('https://')) {
			return apiError(c, 400, 'invalid-body', 'Send JSON { "subscription": <PushSubscription.toJSON(), https endpoint>, "includeText": boolean }.');
		}
		const { subscription, includeText } = body.data;
		const { tenant, deviceId } = c.get('principal');
		const held = await store.listPushSubscriptions(tenant);
		if (held.length >= MAX_SUBSCRIPTIONS_PER_TENANT && !held.some((s) => s.endpoint === subscription.endpoint)) {
			return apiError(c, 409, 'too-many-subscriptions', `An account takes at most ${MAX_SUBSCRIPTIONS_PER_TENANT} notification subscriptions; turn notifications off on a device you no longer use.`);
		}
		const stored = await store.putPushSubscription({
			endpoint: subscription.endpoint,
			tenant,
			deviceId,
			p256dh: subscription.keys.p256dh,
			auth: subscription.keys.auth,
			includeText,
			createdAt: now()
		});
		if (!stored) return apiError(c, 409, 'subscription-taken', 'This push subscription belongs to another account; subscribe again.');
		return c.json({ ok: true });
	});

	api.delete('/subscription', async (c) => {
		const body = DeleteBody.safeParse(await readJson(c.req));
		if (!body.success) return apiError(c, 400, 'invalid-body', 'Send JSON { "endpoint": "<the subscription endpoint>" }.');
		const removed = await store.deletePushSubscription(c.get('principal').tenant, body.data.endpoint);
		return c.json({ ok: true, removed });
	});

	return api;
}
