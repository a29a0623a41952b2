// Web Push on this device: asking permission, the service worker's push subscription, the server's copy
// of it, and the device token the worker needs to answer an approval from a notification. The cache
// name and path are the ones static/push-worker.js reads.
import { pushApi } from '$lib/sync/api';

const PUSH_CACHE = 'session-runner-push';
const TOKEN_PATH = '/push/token';
const INCLUDE_TEXT_KEY = 'session-runner.push.include-text';
/** A browser whose push service cannot be reached may never settle subscribe(). */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

export type PushResult = { ok: true } | { ok: false; message: string };

export function pushSupported(): boolean {
	return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in globalThis && 'Notification' in globalThis;
}

/** Whether notifications include message text: a choice of this device, off unless chosen. */
export function includeTextChosen(storage: Storage = localStorage): boolean {
	return storage.getItem(INCLUDE_TEXT_KEY) === 'on';
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
	return pushSupported() ? navigator.serviceWorker.getRegistration() : undefined;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
	return (await (await registration())?.pushManager.getSubscription()) ?? null;
}

const keyBytes = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Asks permission, subscribes with the server's key and hands the subscription to the server. */
export async function enablePush(token: string, includeText: boolean): Promise<PushResult> {
	const reg = await registration();
	if (!reg) return { ok: false, message: 'Notifications need the installed app (its service worker); reload and try again.' };
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return { ok: false, message: 'Notifications are blocked for this site; allow them in the browser’s site settings.' };
	const api = pushApi(token);
	const key = await api.key();
	if (!key.ok) return { ok: false, message: key.message };
	let subscription: PushSubscription;
	try {
		const timeout = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error('its push service did not answer')), SUBSCRIBE_TIMEOUT_MS)
		);
		const subscribing = reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.value.publicKey) });
		subscription = await Promise.race([subscribing, timeout]);
	} catch (error) {
		return { ok: false, message: `This browser could not subscribe to push messages (${(error as Error).message}).` };
	}
	return share(token, subscription, includeText);
}

/** Sends the subscription (again, e.g. with a new text choice) and keeps the token for the worker. */
export async function share(token: string, subscription: PushSubscription, includeText: boolean): Promise<PushResult> {
	const sent = await pushApi(token).subscribe(subscription.toJSON(), includeText);
	if (!sent.ok) return { ok: false, message: sent.message };
	localStorage.setItem(INCLUDE_TEXT_KEY, includeText ? 'on' : 'off');
	await (await caches.open(PUSH_CACHE)).put(TOKEN_PATH, new Response(token));
	return { ok: true };
}

/** Unsubscribes here and removes the server's copy; the device stops getting notifications either way. */
export async function disablePush(token: string | null): Promise<PushResult> {
	if (!pushSupported()) return { ok: true };
	const subscription = await currentSubscription();
	await caches.delete(PUSH_CACHE);
	if (!subscription) return { ok: true };
	await subscription.unsubscribe();
	if (!token) return { ok: true };
	const removed = await pushApi(token).unsubscribe(subscription.endpoint);
	return removed.ok ? { ok: true } : { ok: false, message: `Notifications are off here, but the server was not told (${removed.message})` };
}
