import { describe, expect, it } from 'vitest';
import { deviceLabel, learnDeviceLabel } from './device-label';

const PIXEL = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

function memory(): Storage {
	const map = new Map<string, string>();
	return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as Storage;
}

describe('device label', () => {
	it('prefers the label the server knows, learnt once and kept', async () => {
		const storage = memory();
		expect(deviceLabel(storage, PIXEL)).toBe('Chrome on Android');
		let calls = 0;
		const fetcher = (async () => {
			calls++;
			return new Response(JSON.stringify({ tenant: 't', device: { id: 'd', label: 'Work laptop' } }));
		}) as unknown as typeof fetch;
		await learnDeviceLabel('tok', storage, fetcher);
		await learnDeviceLabel('tok', storage, fetcher);
		expect(calls).toBe(1);
		expect(deviceLabel(storage, PIXEL)).toBe('Work laptop');
	});

	it('keeps the user-agent label when the server cannot be reached', async () => {
		const storage = memory();
		await learnDeviceLabel('tok', storage, (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch);
		expect(deviceLabel(storage, PIXEL)).toBe('Chrome on Android');
	});
});
