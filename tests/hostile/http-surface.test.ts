// The HTTP surface as an attacker meets it: security headers with a CSP naming the built page's inline
// script, no internals on /health, /metrics only with a token or from loopback, and DNS rebinding (a
// page on a foreign name that resolves to this server) refused, whatever Origin it sends.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/server-process';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';
import { rawUpgrade } from '../helpers/yclient';

const BOOT = 'console.log("kit start")';
let server: TestServer;
let withToken: TestServer;

beforeAll(async () => {
	const build = tempDataDir('sr-build-');
	mkdirSync(build, { recursive: true });
	writeFileSync(join(build, '200.html'), `<!doctype html><html><head></head><body><script>${BOOT}</script></body></html>`);
	server = await startTestServer({ staticDir: build });
	withToken = await startTestServer({ metricsToken: 'metrics-secret-0123' });
});
afterAll(async () => {
	await server.close();
	await withToken.close();
});

/** A GET with the Host header as given (fetch would set its own). */
function getWithHost(origin: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	const { hostname, port } = new URL(origin);
	return new Promise((resolve, reject) => {
		const req = request({ host: hostname, port, path, headers }, (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.once('error', reject);
		req.end();
	});
}

describe('the HTTP surface', () => {
	it('sends a CSP that allows the page’s own inline script by hash, forbids framing and sniffing', async () => {
		const res = await fetch(`${server.origin}/some/client/route`);
		const csp = res.headers.get('content-security-policy') ?? '';
		const hash = createHash('sha256').update(BOOT).digest('base64');
		expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('/health says only that it is alive', async () => {
		expect(await (await fetch(`${server.origin}/health`)).json()).toEqual({ ok: true });
	});

	it('/metrics answers a loopback client, and with METRICS_TOKEN only the token', async () => {
		const open = await fetch(`${server.origin}/metrics`);
		expect(open.status).toBe(200);
		const text = await open.text();
		for (const name of ['sync_sockets', 'sync_loaded_documents', 'sync_updates_total', 'store_append_seconds', 'turns_running', 'agent_processes', 'agent_prompts_waiting', 'turn_duration_seconds', 'upstream_errors_total', 'process_resident_memory_bytes']) {
			expect(text).toContain(name);
		}
		expect((await fetch(`${withToken.origin}/metrics`)).status).toBe(401);
		expect((await fetch(`${withToken.origin}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
		expect((await fetch(`${withToken.origin}/metrics`, { headers: { Authorization: 'Bearer metrics-secret-0123' } })).status).toBe(200);
	});

	it('refuses a rebinding page: a foreign Host with a matching Origin, for the API, /metrics and sync', async () => {
		const port = new URL(server.origin).port;
		const rebound = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
		expect((await getWithHost(server.origin, '/api/config', rebound)).status).toBe(421);
		expect((await getWithHost(server.origin, '/metrics', rebound)).status).toBe(421);
		expect(await rawUpgrade(server.origin, `/sync/index?token=${TOKENS.alpha}`, rebound)).toBe(421);
		expect((await getWithHost(server.origin, '/api/config', { Host: `localhost:${port}`, Origin: `http://localhost:${port}` })).status).toBe(200);
	});
});
