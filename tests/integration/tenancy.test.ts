// Tokens and tenants on the sync socket: refusals happen before the upgrade, and no document name
// leads from one tenant's token to another tenant's data.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/core/ids';
import { sessionDocName } from '../../src/lib/core/docnames';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { closed, connectDevice, handshake, rawUpgrade, synced, until } from '../helpers/yclient';

let server: TestServer;
const secretSession = sessionDocName(newId());

beforeAll(async () => {
	server = await startTestServer({ allowedOrigins: ['https://app.example'] });
	// Tenant beta owns data under the very names alpha will try.
	for (const name of ['index', secretSession]) {
		const beta = connectDevice(server.syncUrl, name, TOKENS.beta);
		await synced(beta.provider);
		beta.doc.getText('secret').insert(0, 'beta only');
		await until(beta.doc, () => true);
		await server.registry.peek('beta', name)?.settled();
		beta.destroy();
	}
});
afterAll(() => server.close());

const url = (target: string) => server.origin.replace(/^http/, 'ws') + target;

describe('tokens on the sync socket', () => {
	it('refuses a missing or wrong token with 401 before the upgrade', async () => {
		expect(await handshake(url('/sync/index'))).toEqual({ opened: false, status: 401 });
		expect(await handshake(url('/sync/index?token=wrong'))).toEqual({ opened: false, status: 401 });
		expect(await handshake(url('/sync/index?token='))).toEqual({ opened: false, status: 401 });
		const ok = await handshake(url(`/sync/index?token=${TOKENS.alpha}`));
		expect(ok.opened).toBe(true);
		if (ok.opened) ok.socket.close();
	});

	it('stays up when clients reset their sockets in the middle of refused upgrades', async () => {
		const request = `GET /sync/index?token=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
		for (let i = 0; i < 20; i++) {
			await new Promise<void>((resolve) => {
				const socket = connect(server.port, '127.0.0.1', () => {
					socket.write(request);
					// An RST instead of a FIN: the server's next read on it fails with ECONNRESET.
					setTimeout(() => socket.resetAndDestroy(), i % 3);
					socket.once('close', () => resolve());
				});
				socket.on('error', () => undefined);
			});
		}
		expect((await fetch(`${server.origin}/health`)).status).toBe(200);
		expect(await rawUpgrade(server.origin, '/sync/index', {})).toBe(401);
	});

	it('refuses a foreign Origin, and allows the same origin, a listed one, and none', async () => {
		const target = url(`/sync/index?token=${TOKENS.alpha}`);
		expect(await handshake(target, { Origin: 'https://evil.example' })).toEqual({ opened: false, status: 403 });
		for (const origin of [server.origin, 'https://app.example', undefined]) {
			const result = await handshake(target, origin ? { Origin: origin } : {});
			expect(result.opened).toBe(true);
			if (result.opened) result.socket.close();
		}
	});

	it('does not let a one-time sign-in code open a socket', async () => {
		const { code } = await server.auth.mintCode('alpha', 60_000, 'test');
		expect(await handshake(url(`/sync/index?token=${code}`))).toEqual({ opened: false, status: 401 });
	});
});

describe('tenant isolation', () => {
	it('shows a tenant only its own documents under the same names', async () => {
		for (const name of ['index', secretSession]) {
			const alpha = connectDevice(server.syncUrl, name, TOKENS.alpha);
			await synced(alpha.provider);
			expect(alpha.doc.getText('secret').toString()).toBe('');
			alpha.destroy();
		}
		const beta = connectDevice(server.syncUrl, secretSession, TOKENS.beta);
		await synced(beta.provider);
		expect(beta.doc.getText('secret').toString()).toBe('beta only');
		beta.destroy();
	});

	it.each([
		'..',
		'../beta/index',
		'session/..',
		'session/../index',
		'index/../x',
		'session/%2e%2e',
		'%2e%2e%2fbeta%2findex',
		'session%2F' + secretSession.slice(8),
		'/index',
		'//beta/index',
		'beta/index',
		'beta%2Findex',
		'session/a%00b',
		'session/' + 'x'.repeat(10_000),
		'C:\\beta\\index',
		'index#fragment',
		'index%3Ftoken=x'
	])('refuses the document name %j with 400 before the upgrade', async (name) => {
		const loadsBefore = server.registry.stats().loadsTotal;
		expect(await rawUpgrade(server.origin, `/sync/${name}?token=${TOKENS.alpha}`)).toBe(400);
		expect(server.registry.stats().loadsTotal).toBe(loadsBefore);
	});

	it.each(['/sync/../sync/index', '/sync/x/../../sync/index', '/./sync/index', '/api/../sync/index'])(
		'does not resolve dot segments in %j into a sync path',
		async (path) => {
			expect(await rawUpgrade(server.origin, `${path}?token=${TOKENS.alpha}`)).toBeGreaterThanOrEqual(400);
		}
	);

	it('upgrades the exact name the y-websocket client sends', async () => {
		expect(await rawUpgrade(server.origin, `/sync/${secretSession}?token=${TOKENS.alpha}`)).toBe(101);
	});

	it('treats a second token parameter as the first one only', async () => {
		// A beta token appended after alpha's must not switch tenants.
		const result = await handshake(url(`/sync/index?token=${TOKENS.alpha}&token=${TOKENS.beta}`));
		expect(result.opened).toBe(true);
		if (result.opened) {
			const code = closed(result.socket);
			result.socket.close();
			await code;
		}
		expect(server.registry.peek('alpha', 'index')).not.toBeNull();
	});
});
