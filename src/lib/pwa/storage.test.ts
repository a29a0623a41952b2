import { describe, expect, it, vi } from 'vitest';
import { formatBytes, requestPersistence, storageReport } from './storage';

describe('storage report', () => {
	it('reports usage, quota and persistence from the browser', async () => {
		const storage = {
			estimate: async () => ({ usage: 1_500_000, quota: 2_000_000_000 }),
			persisted: async () => true
		};
		expect(await storageReport(storage)).toEqual({ usage: 1_500_000, quota: 2_000_000_000, persisted: true });
	});

	it('says "unknown" (null) where the browser has no Storage API or refuses', async () => {
		expect(await storageReport(undefined)).toEqual({ usage: null, quota: null, persisted: null });
		const failing = { estimate: () => Promise.reject(new Error('x')), persisted: () => Promise.reject(new Error('x')) };
		expect(await storageReport(failing)).toEqual({ usage: null, quota: null, persisted: null });
	});
});

describe('requestPersistence', () => {
	it('asks the browser only when the data is not persistent yet', async () => {
		const persist = vi.fn(async () => true);
		expect(await requestPersistence({ persisted: async () => true, persist })).toBe(true);
		expect(persist).not.toHaveBeenCalled();
		expect(await requestPersistence({ persisted: async () => false, persist })).toBe(true);
		expect(persist).toHaveBeenCalledOnce();
	});

	it('passes on a refusal, and null without the API', async () => {
		expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe(false);
		expect(await requestPersistence({})).toBeNull();
	});
});

describe('formatBytes', () => {
	it.each([
		[0, '0 bytes'],
		[1, '1 byte'],
		[999, '999 bytes'],
		[1_000, '1.0 KB'],
		[12_345, '12 KB'],
		[1_500_000, '1.5 MB'],
		[2_147_483_648, '2.1 GB']
	])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
