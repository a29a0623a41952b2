// The name an approval is recorded under ("approved by Chrome on Android"): this device's label on the
// server (from /api/me, kept for offline use), else one made from the browser's user agent.
import { labelFromUserAgent } from '$lib/core/user-agent';

const KEY = 'session-runner.device-label';

export function deviceLabel(storage: Pick<Storage, 'getItem'> = localStorage, ua = navigator.userAgent): string {
	return storage.getItem(KEY) || labelFromUserAgent(ua);
}

/** Asks the server for this device's label once, so answers carry the name the device list shows. */
export async function learnDeviceLabel(token: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage, fetcher: typeof fetch = fetch): Promise<void> {
	if (storage.getItem(KEY)) return;
	try {
		const response = await fetcher('/api/me', { headers: { authorization: `Bearer ${token}` } });
		const body = (await response.json()) as { device?: { label?: unknown } };
		if (response.ok && typeof body.device?.label === 'string' && body.device.label.trim()) storage.setItem(KEY, body.device.label.trim().slice(0, 100));
	} catch {
		// Offline: the user-agent label serves until the next try.
	}
}
