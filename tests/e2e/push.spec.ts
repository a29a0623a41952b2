// Web Push in the browser: the Settings switch asks permission, subscribes with the service worker's
// push manager and hands the subscription to the server (and takes it back when switched off); a push
// delivered to the worker through Chromium's DevTools protocol shows as a notification, one per session.
import { expect, test, type Page } from '@playwright/test';
import { claimTenant, newDevice, signIn } from './devices';
import { waitForWorker } from './pwa-server';
import { createSession, openRunner, switchTo, tab } from './runner';

// One at a time: two browsers showing notifications for the same origin at once lost some of them here
// (Chromium's notification store is not per browser instance), so these flows do not run side by side.
test.describe.configure({ mode: 'serial' });

async function openSettings(page: Page) {
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	await expect(dialog).toBeVisible();
	return dialog;
}

const subscriptionCall = (page: Page, method: string) =>
	page.waitForResponse((r) => new URL(r.url()).pathname === '/api/push/subscription' && r.request().method() === method);

/**
 * Chromium's own push service is Google's (FCM), out of reach here: its subscribe() never settles
 * offline, and an off-the-record profile (Playwright's contexts) refuses it outright. This stands in for
 * the browser's PushManager only, recording the server key it was given; everything of ours runs as is.
 * Its endpoint is on FCM, as Chromium's are: the server takes subscriptions on known push services only.
 */
function stubPushManager() {
	const stub: { current: PushSubscription | null; key: string | null } = { current: null, key: null };
	Object.assign(window, { pushStub: stub });
	PushManager.prototype.getSubscription = async () => stub.current;
	PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
		const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
		stub.key = btoa(String.fromCharCode(...key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		const endpoint = 'https://fcm.googleapis.com/fcm/send/device-1';
		const subscription = {
			endpoint,
			expirationTime: null,
			options: { applicationServerKey: key.buffer, userVisibleOnly: true },
			toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'BPublicKeyOfThisBrowser', auth: 'authSecret' } }),
			unsubscribe: async () => ((stub.current = null), true)
		};
		stub.current = subscription as unknown as PushSubscription;
		return stub.current;
	};
}

test('the Notifications switch subscribes this device, sends the text choice, and unsubscribes; signing out ends it too', async ({ browser }) => {
	const { context, page } = await newDevice(browser, { permissions: ['notifications'] });
	await context.addInitScript(stubPushManager);
	const { token } = claimTenant();
	await signIn(page, token);
	await waitForWorker(page);
	const settings = await openSettings(page);
	const notifications = settings.getByRole('switch', { name: 'Notifications' });
	const includeText = settings.getByRole('switch', { name: 'Include message text' });
	await expect(notifications).not.toBeChecked();
	await expect(includeText).toBeDisabled();

	const put = subscriptionCall(page, 'PUT');
	await notifications.click();
	const sent = await put;
	expect(sent.status()).toBe(200);
	expect(sent.request().postDataJSON()).toEqual({
		includeText: false,
		subscription: { endpoint: 'https://fcm.googleapis.com/fcm/send/device-1', expirationTime: null, keys: { p256dh: 'BPublicKeyOfThisBrowser', auth: 'authSecret' } }
	});
	await expect(notifications).toBeChecked();
	const { publicKey } = (await (await page.request.get('/api/push/key', { headers: { authorization: `Bearer ${token}` } })).json()) as { publicKey: string };
	expect(await page.evaluate(() => (window as unknown as { pushStub: { key: string } }).pushStub.key)).toBe(publicKey);

	const again = subscriptionCall(page, 'PUT');
	await includeText.click();
	expect((await again).request().postDataJSON()).toMatchObject({ includeText: true });
	await expect(includeText).toBeChecked();

	const removed = subscriptionCall(page, 'DELETE');
	await notifications.click();
	expect(await (await removed).json()).toEqual({ ok: true, removed: true });
	await expect(notifications).not.toBeChecked();
	expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).pushManager.getSubscription())).toBeNull();

	// Signing out ends notifications on this device too: its subscription and the worker's token go.
	const putAgain = subscriptionCall(page, 'PUT');
	await notifications.click();
	await putAgain;
	await expect(notifications).toBeChecked();
	expect(await page.evaluate(async () => (await caches.keys()).includes('session-runner-push'))).toBe(true);
	await settings.getByRole('button', { name: 'Close' }).click();
	await page.getByRole('button', { name: 'Devices' }).click();
	const devices = page.getByRole('dialog', { name: 'Devices' });
	await devices.getByRole('button', { name: 'Sign out' }).click();
	await expect(devices.getByText('This device is not signed in')).toBeVisible();
	await expect.poll(() => page.evaluate(async () => (await caches.keys()).includes('session-runner-push'))).toBe(false);
	expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).pushManager.getSubscription())).toBeNull();
	await devices.getByRole('button', { name: 'Close' }).click();
	await expect(await openSettings(page).then((s) => s.getByRole('switch', { name: 'Notifications' }))).toBeDisabled();
	await context.close();
});

test('without permission the switch stays off and says how to allow notifications', async ({ browser }) => {
	const { context, page } = await newDevice(browser);
	await context.addInitScript(stubPushManager);
	await signIn(page, claimTenant().token);
	await waitForWorker(page);
	await page.evaluate(() => Object.defineProperty(Notification, 'requestPermission', { value: async () => 'denied' }));
	const settings = await openSettings(page);
	const notifications = settings.getByRole('switch', { name: 'Notifications' });
	await notifications.click();
	await expect(settings.getByRole('alert')).toHaveText('Notifications are blocked for this site; allow them in the browser’s site settings.');
	await expect(notifications).not.toBeChecked();
	await expect(notifications).toBeEnabled();
	await expect(settings.getByRole('switch', { name: 'Include message text' })).toBeDisabled();
	await context.close();
});

test('a push message to the service worker shows a notification per session, with Approve and Deny while a call waits', async ({ browser }) => {
	const { context, page } = await newDevice(browser, { permissions: ['notifications'] });
	await signIn(page, claimTenant().token);
	await waitForWorker(page);
	const origin = new URL(page.url()).origin;
	const cdp = await context.newCDPSession(page);
	const registered = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
			if (ours) resolve(ours.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	const registrationId = await registered;
	const deliver = (payload: object) => cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });
	const shown = () =>
		page.evaluate(async () =>
			(await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
				title: n.title,
				body: n.body,
				tag: n.tag,
				data: n.data as unknown,
				actions: ((n as Notification & { actions?: { action: string; title: string }[] }).actions ?? []).map((a) => a.title)
			}))
		);

	const sessionId = '01JD0000000000000000000000';
	const url = `/?session=${sessionId}`;
	await deliver({ title: 'Refactor', body: 'Waiting for approval: Write', tag: `session-${sessionId}`, url, sessionId, toolUseId: 'toolu_1' });
	await expect.poll(shown).toEqual([
		{ title: 'Refactor', body: 'Waiting for approval: Write', tag: `session-${sessionId}`, data: { url, sessionId, toolUseId: 'toolu_1' }, actions: ['Approve', 'Deny'] }
	]);

	// The same session's next notice replaces the first rather than piling up.
	await deliver({ title: 'Refactor', body: 'Turn finished', tag: `session-${sessionId}`, url, sessionId });
	await expect.poll(async () => (await shown()).map((n) => [n.body, n.actions.length])).toEqual([['Turn finished', 0]]);

	// A payload that is not ours still shows something (a push must), and offers nothing to act on.
	await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: 'not json' });
	await expect.poll(async () => (await shown()).map((n) => [n.title, n.body, n.actions.length]).sort()).toEqual([
		['Refactor', 'Turn finished', 0],
		['Session Runner', '', 0]
	]);
	await context.close();
});

test("a notification's link opens its session, and so does the worker's message to a window already open", async ({ page }) => {
	await openRunner(page);
	await createSession(page, 'Linked');
	await createSession(page, 'Other');
	const id = await page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('session-runner');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('sessions').objectStore('sessions').getAll();
					all.onsuccess = () => resolve((all.result as Array<{ id: string; title: string }>).find((s) => s.title === 'Linked')!.id);
				};
			})
	);
	await page.getByRole('button', { name: 'Close tab Linked' }).click();
	await expect(tab(page, 'Linked')).toHaveCount(0);

	await openRunner(page, `/?session=${id}`);
	await expect(tab(page, 'Linked')).toHaveAttribute('aria-selected', 'true');
	await expect(page).toHaveURL(/\/$/);

	await switchTo(page, 'Other');
	await page.evaluate((sessionId) => navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'open-session', sessionId } })), id);
	await expect(tab(page, 'Linked')).toHaveAttribute('aria-selected', 'true');
});
