// Web Push for one deployment: its VAPID key pair (made on the first start of any instance and kept in
// the store, so every instance and restart signs with the same key that devices subscribed with) and the
// notifier the runner tells of turn outcomes. A session is "on screen" while a device connected to this
// instance announces it in the session document's awareness (VIEWING_FIELD).
import type { Agent } from 'node:https';
import type { Logger } from 'pino';
import type { Awareness } from 'y-protocols/awareness';
import { sessionDocName } from '../../../src/lib/core/docnames';
import { VIEWING_FIELD } from '../../../src/lib/core/push';
import { publicOrigin, type ServerConfig } from '../config';
import type { Store } from '../store/types';
import type { DocHost } from '../sync/host';
import { createPushNotifier, type PushNotifier } from './notifier';
import { newVapidKeys } from './vapid';

export interface Push {
	publicKey: string;
	notifier: PushNotifier;
}

export interface PushDeps {
	store: Store;
	host: DocHost;
	/** The awareness of a loaded document, if it is loaded here. */
	awarenessOf(tenant: string, name: string): Awareness | undefined;
	config: ServerConfig;
	log: Logger;
	agent?: Agent;
}

const someoneViewing = (awareness: Awareness | undefined) =>
	[...(awareness?.getStates().values() ?? [])].some((state) => state[VIEWING_FIELD] === true);

/** The VAPID subject: PUSH_CONTACT, else an https public address, else a mailto at the server's host name. */
function contact(config: ServerConfig): string {
	if (config.pushContact) return config.pushContact;
	const origin = publicOrigin(config);
	return origin.startsWith('https://') ? origin : `mailto:admin@${new URL(origin).hostname}`;
}

export async function startPush({ store, host, awarenessOf, config, log, agent }: PushDeps): Promise<Push> {
	const keys = await store.vapidKeys(newVapidKeys(), Date.now());
	const notifier = createPushNotifier({
		store,
		host,
		keys,
		subject: contact(config),
		onScreen: (tenant, sessionId) => someoneViewing(awarenessOf(tenant, sessionDocName(sessionId))),
		log: log.child({ module: 'push' }),
		services: config.pushServices,
		agent
	});
	return { publicKey: keys.publicKey, notifier };
}
