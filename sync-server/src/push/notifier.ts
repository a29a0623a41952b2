// Web Push: tells a tenant's subscribed devices that a turn ended, failed or waits for approval, unless
// one of the tenant's devices has that session on screen. Invariants: a notice never blocks or fails the
// turn (sending runs in the background and only logs), and a subscription the push service calls gone
// (404, 410) is removed, so it is not tried again. A stored endpoint is checked against the allowed push
// services again before each send (rows from before the list, or a list the operator narrowed, are dropped
// unsent), and a failure is logged by host and status or code only: the error's certificate or body would
// tell a device's owner what answers at an address they chose.
import type { Agent } from 'node:https';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { findToolCall } from '../../../src/lib/core/approvals';
import type { Message } from '../../../src/lib/core/model';
import { pushPayload, type PushFacts } from '../../../src/lib/core/push';
import { messagesArray } from '../../../src/lib/core/ydoc';
import type { TurnNotice } from '../runner/turn';
import type { PushStore, PushSubscriptionRecord, VapidKeys } from '../store/types';
import { endpointHost, pushEndpointAllowed, type PushService } from './services';
import type { DocHost } from '../sync/host';
import { indexedSession } from '../sync/index-doc';

export interface PushNotifierOptions {
	store: PushStore;
	host: DocHost;
	keys: VapidKeys;
	/** The VAPID `sub`: how a push service reaches whoever runs this deployment (https: or mailto:). */
	subject: string;
	/** True while some device of the tenant shows the session (its awareness says so). */
	onScreen(tenant: string, sessionId: string): boolean;
	log: Logger;
	/** The push services the server posts to (PUSH_SERVICES). */
	services: readonly PushService[];
	/** How long a push service keeps an undelivered notice. */
	ttlSeconds?: number;
	/** The HTTPS agent for push services (tests trust their local endpoint's certificate through it). */
	agent?: Agent;
}

export interface PushNotifier {
	notify(notice: TurnNotice): void;
	/** Resolves once every notice given so far has been sent or dropped (for tests and shutdown). */
	settled(): Promise<void>;
}

const GONE = new Set([404, 410]);

/** A network or TLS error's code (ECONNREFUSED, CERT_HAS_EXPIRED…), never the error itself. */
const errorCode = (error: unknown): string =>
	error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code! : 'unknown';
const SEND_TIMEOUT_MS = 10_000;

/** The text of the turn's last reply or error, read from the end of the document where the turn is. */
function lastReplyText(doc: Y.Doc, promptId: string): string | undefined {
	const messages = messagesArray(doc);
	for (let i = messages.length - 1; i >= 0; i--) {
		const ymap = messages.get(i);
		const meta = ymap.get('meta') as Message['meta'] | undefined;
		const kind = ymap.get('kind');
		if (meta?.replyTo === promptId && (kind === 'assistant' || kind === 'error')) return ymap.get('text')?.toString();
	}
	return undefined;
}

export function createPushNotifier(options: PushNotifierOptions): PushNotifier {
	const { store, keys, subject, log } = options;
	const inFlight = new Set<Promise<void>>();

	async function facts(notice: TurnNotice): Promise<PushFacts> {
		const session = await indexedSession(options.host, notice.tenant, notice.sessionId);
		const call = notice.toolUseId ? findToolCall(notice.doc, notice.toolUseId) : undefined;
		const meta = call?.get('meta') as Message['meta'] | undefined;
		return {
			event: notice.event,
			sessionId: notice.sessionId,
			title: session?.title ?? '',
			...(notice.toolUseId ? { tool: { id: notice.toolUseId, name: meta?.toolName ?? 'a tool', input: meta?.toolInput, kind: meta?.approvalKind } } : {}),
			...(notice.event === 'approval' ? {} : { text: lastReplyText(notice.doc, notice.promptId) })
		};
	}

	async function send(sub: PushSubscriptionRecord, body: string, urgent: boolean): Promise<void> {
		const host = endpointHost(sub.endpoint);
		if (!pushEndpointAllowed(sub.endpoint, options.services)) {
			await store.deletePushSubscription(sub.tenant, sub.endpoint);
			log.warn({ tenant: sub.tenant, deviceId: sub.deviceId, host }, 'push subscription not on an allowed push service: removed unsent');
			return;
		}
		// Loaded at the first notification: a server that never sends one does not hold web-push.
		const { default: webpush } = await import('web-push');
		try {
			await webpush.sendNotification({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, body, {
				vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
				TTL: options.ttlSeconds ?? 3600,
				urgency: urgent ? 'high' : 'normal',
				timeout: SEND_TIMEOUT_MS,
				...(options.agent ? { agent: options.agent } : {})
			});
		} catch (error) {
			if (error instanceof webpush.WebPushError && GONE.has(error.statusCode)) {
				await store.deletePushSubscription(sub.tenant, sub.endpoint);
				log.info({ tenant: sub.tenant, deviceId: sub.deviceId, host, status: error.statusCode }, 'push subscription expired: removed');
				return;
			}
			const failure = error instanceof webpush.WebPushError ? { status: error.statusCode } : { code: errorCode(error) };
			log.warn({ tenant: sub.tenant, deviceId: sub.deviceId, host, ...failure }, 'push notification not delivered');
		}
	}

	async function deliver(notice: TurnNotice): Promise<void> {
		const subscriptions = await store.listPushSubscriptions(notice.tenant);
		if (subscriptions.length === 0) return;
		const known = await facts(notice);
		const bodies = [false, true].map((includeText) => JSON.stringify(pushPayload(known, includeText)));
		await Promise.all(subscriptions.map((sub) => send(sub, bodies[Number(sub.includeText)], notice.event === 'approval')));
	}

	return {
		notify(notice) {
			// Decided now, as the runner reports it: a device that looks away later missed nothing.
			if (options.onScreen(notice.tenant, notice.sessionId)) return;
			const sending = deliver(notice)
				.catch((err: unknown) => log.error({ err, tenant: notice.tenant, sessionId: notice.sessionId }, 'push notification failed'))
				.finally(() => inFlight.delete(sending));
			inFlight.add(sending);
		},
		async settled() {
			while (inFlight.size > 0) await Promise.all(inFlight);
		}
	};
}
