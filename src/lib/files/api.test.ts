import { describe, expect, it } from 'vitest';
import { createFilesApi } from './api';

function recorder(reply: () => Response | Promise<Response>) {
	const calls: Array<{ url: string; init: RequestInit }> = [];
	const fetcher = (async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		return reply();
	}) as unknown as typeof fetch;
	return { calls, fetcher };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('files api client', () => {
	it('asks for one folder with the device token, and the root without a path', async () => {
		const { calls, fetcher } = recorder(() => json({ path: 'src', entries: [], truncated: false }));
		const api = createFilesApi({ token: () => 'tok', fetcher });
		expect(await api.list('s1', 'src/a b')).toMatchObject({ ok: true, value: { path: 'src' } });
		await api.list('s1', '.');
		expect(calls.map((c) => c.url)).toEqual(['/api/sessions/s1/files?path=src%2Fa%20b', '/api/sessions/s1/files']);
		expect(new Headers(calls[0].init.headers).get('authorization')).toBe('Bearer tok');
	});

	it('saves with the base version as JSON', async () => {
		const { calls, fetcher } = recorder(() => json({ path: 'a.txt', version: 'v2', size: 3, created: false }));
		const api = createFilesApi({ token: () => 'tok', fetcher });
		expect(await api.save('s1', 'a.txt', 'abc', 'v1')).toMatchObject({ ok: true, value: { version: 'v2' } });
		expect(calls[0].init.method).toBe('PUT');
		expect(JSON.parse(String(calls[0].init.body))).toEqual({ path: 'a.txt', text: 'abc', baseVersion: 'v1' });
	});

	it('turns a conflict, an unreachable server and a missing token into reasons', async () => {
		const conflict = createFilesApi({
			token: () => 'tok',
			fetcher: recorder(() => json({ error: { reason: 'file-changed', message: 'a.txt changed' } }, 409)).fetcher
		});
		expect(await conflict.save('s1', 'a.txt', 'x', 'v1')).toEqual({ ok: false, reason: 'file-changed', message: 'a.txt changed', status: 409 });

		const down = createFilesApi({ token: () => 'tok', fetcher: recorder(() => Promise.reject(new TypeError('Failed to fetch'))).fetcher });
		expect(await down.read('s1', 'a.txt')).toMatchObject({ ok: false, reason: 'offline' });

		const { calls, fetcher } = recorder(() => json({}));
		expect(await createFilesApi({ token: () => null, fetcher }).list('s1', '.')).toMatchObject({ ok: false, reason: 'not-signed-in' });
		expect(calls).toHaveLength(0);
	});

	it('keeps a reason when the server answers without JSON', async () => {
		const api = createFilesApi({ token: () => 'tok', fetcher: recorder(() => new Response('Bad gateway', { status: 502 })).fetcher });
		expect(await api.list('s1', '.')).toMatchObject({ ok: false, reason: 'server-error', status: 502 });
	});
});
