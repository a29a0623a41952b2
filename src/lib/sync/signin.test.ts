import { describe, expect, it } from 'vitest';
import { readToken } from './token';
import { signIn } from './signin';

function memoryStorage(): Storage {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		key: (i: number) => [...map.keys()][i] ?? null,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v),
		removeItem: (k: string) => void map.delete(k),
		clear: () => map.clear()
	};
}

const server = (tenant: string, status = 200) =>
	(async () =>
		new Response(JSON.stringify(status === 200 ? { token: `device-of-${tenant}`, tenant } : { error: { reason: 'token-invalid', message: 'That link is not valid.' } }), {
			status
		})) as unknown as typeof fetch;

describe('signIn', () => {
	it('keeps the device token, and the local data when it is the same account again', async () => {
		const storage = memoryStorage();
		let wiped = 0;
		const forgetLocalData = async () => void wiped++;
		storage.setItem('session-runner.synced-sessions', '{"s":1}');
		expect(await signIn('code', { fetcher: server('alpha'), storage, forgetLocalData })).toEqual({ ok: true, tenant: 'alpha' });
		expect(await signIn('code', { fetcher: server('alpha'), storage, forgetLocalData })).toEqual({ ok: true, tenant: 'alpha' });
		expect(readToken(storage)).toBe('device-of-alpha');
		expect(storage.getItem('session-runner.synced-sessions')).toBe('{"s":1}');
		expect(wiped).toBe(0);
	});

	it("removes one account's data from the device before signing into another", async () => {
		const storage = memoryStorage();
		let wiped = 0;
		const forgetLocalData = async () => void wiped++;
		await signIn('code', { fetcher: server('alpha'), storage, forgetLocalData });
		storage.setItem('session-runner.synced-sessions', '{"s":1}');
		storage.setItem('unrelated', 'kept');
		await signIn('code', { fetcher: server('beta'), storage, forgetLocalData });
		expect(wiped).toBe(1);
		expect(storage.getItem('session-runner.synced-sessions')).toBeNull();
		expect(storage.getItem('unrelated')).toBe('kept');
		expect(readToken(storage)).toBe('device-of-beta');
	});

	it('stores nothing when the server refuses the link', async () => {
		const storage = memoryStorage();
		const result = await signIn('bad', { fetcher: server('alpha', 401), storage, forgetLocalData: async () => {} });
		expect(result).toEqual({ ok: false, message: 'That link is not valid.' });
		expect(readToken(storage)).toBeNull();
	});
});
