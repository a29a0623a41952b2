import { expect, it } from 'vitest';
import { checkWorkingFolder } from './working-folder';

const reply = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

it('returns the real path the server allows, or its reason, and needs a token and a network', async () => {
	expect(await checkWorkingFolder('/srv/app', 'tok', reply(200, { path: '/srv/app' }))).toEqual({ ok: true, path: '/srv/app' });
	expect(await checkWorkingFolder('/etc', 'tok', reply(403, { error: { reason: 'workspace-not-allowed', message: 'not allowed' } }))).toEqual({
		ok: false,
		reason: 'workspace-not-allowed',
		message: 'not allowed'
	});
	expect(await checkWorkingFolder('/srv/app', null, reply(200, {}))).toMatchObject({ ok: false, reason: 'not-signed-in' });
	const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
	expect(await checkWorkingFolder('/srv/app', 'tok', down)).toMatchObject({ ok: false, reason: 'offline' });
});
