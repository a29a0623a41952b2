// Web Push in the service worker (Workbox's generated worker loads this file with importScripts).
// The payload's fields are `PushPayload` in src/lib/core/push.ts. A click opens the app at the session;
// Approve and Deny answer the waiting tool call through the API with this device's token, which the app
// keeps in the cache below while notifications are on (the worker cannot read localStorage).
const PUSH_CACHE = 'session-runner-push';
const TOKEN_PATH = '/push/token';

self.addEventListener('push', (event) => {
	let payload;
	try {
		payload = event.data ? event.data.json() : null;
	} catch {
		payload = null;
	}
	// Every push must show something (userVisibleOnly); a malformed one still says where it came from.
	const title = typeof payload?.title === 'string' ? payload.title : 'Session Runner';
	const options = {
		body: typeof payload?.body === 'string' ? payload.body : '',
		tag: typeof payload?.tag === 'string' ? payload.tag : undefined,
		icon: '/icons/icon-192.png',
		data: { url: typeof payload?.url === 'string' ? payload.url : '/', sessionId: payload?.sessionId, toolUseId: payload?.toolUseId },
		renotify: typeof payload?.tag === 'string',
		requireInteraction: Boolean(payload?.toolUseId),
		actions: payload?.toolUseId ? [{ action: 'approve', title: 'Approve' }, { action: 'deny', title: 'Deny' }] : []
	};
	event.waitUntil(self.registration.showNotification(title, options));
});

async function answer(data, decision) {
	const cache = await caches.open(PUSH_CACHE);
	const stored = await cache.match(TOKEN_PATH);
	if (!stored || !data.sessionId || !data.toolUseId) return false;
	const token = await stored.text();
	const url = `/api/sessions/${encodeURIComponent(data.sessionId)}/approvals/${encodeURIComponent(data.toolUseId)}`;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ answer: decision })
		});
		return response.ok;
	} catch {
		return false;
	}
}

async function openSession(data) {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
	if (open) {
		open.postMessage({ type: 'open-session', sessionId: data.sessionId });
		return open.focus();
	}
	return self.clients.openWindow(data.url || '/');
}

self.addEventListener('notificationclick', (event) => {
	const data = event.notification.data || {};
	event.notification.close();
	const decision = event.action === 'approve' ? 'approve' : event.action === 'deny' ? 'deny' : null;
	// An answer that does not go through (offline, signed out, already answered) opens the session instead.
	event.waitUntil(decision ? answer(data, decision).then((ok) => ok || openSession(data)) : openSession(data));
});
