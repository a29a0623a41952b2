// The push API (signed-in devices only, each within its own tenant): the deployment's public VAPID key,
// and a device's subscription put or taken away. The server posts to an endpoint later, so one is taken
// only on an allowed push service (push/services.ts): anything else would let a device aim it inward.
import { Hono } from 'hono';
import { z } from 'zod';
import { PushSubscriptionSchema } from '../../../src/lib/core/push';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { readJson } from '../http/read-json';
import type { PushStore } from '../store/types';
import { pushEndpointAllowed, pushServiceLabel, type PushService } from './services';

export interface PushRoutesOptions {
	store: PushStore;
	publicKey: string;
	services: readonly PushService[];
	now?: () => number;
}

/** Each notice is sent to every subscription of the tenant: a bound keeps one account from fanning out without end. */
export const MAX_SUBSCRIPTIONS_PER_TENANT = 50;

const PutBody = z.object({ subscription: PushSubscriptionSchema, includeText: z.boolean().default(false) });
const DeleteBody = z.object({ endpoint: z.string().max(2048) });

export function pushRoutes({ store, publicKey, services, now = Date.now }: PushRoutesOptions) {
	const api = new Hono<AppEnv>();
	const allowedList = services.map(pushServiceLabel).join(', ');

	api.get('/key', (c) => c.json({ publicKey }));

	api.put('/subscription', async (c) => {
		const body = PutBody.safeParse(await readJson(c.req));
		if (!body.success) {
			return apiError(c, 400, 'invalid-body', 'Send JSON { "subscription": <PushSubscription.toJSON(), https endpoint>, "includeText": boolean }.');
		}
		if (!pushEndpointAllowed(body.data.subscription.endpoint, services)) {
			return apiError(c, 400, 'push-service-not-allowed', `This server sends notifications only through these push services (https, port 443 unless named): ${allowedList}. The operator sets them with PUSH_SERVICES.`);
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
