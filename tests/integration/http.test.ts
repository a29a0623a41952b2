// The HTTP side of the one origin: the built PWA with its cache rules and SPA fallback, /health,
// CORS for listed origins only, body limits and the JSON error shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/server-process';
import { startTestServer, TOKENS, type TestServer } from '../helpers/test-server';

let server: TestServer;
const FALLBACK = '<!doctype html><title>fallback</title>';

beforeAll(async () => {
	const build = tempDataDir('sr-build-');
	mkdirSync(join(build, '_app/immutable/chunks'), { recursive: true });
	writeFileSync(join(build, '200.html'), FALLBACK);
	writeFileSync(join(build, '_app/immutable/chunks/app.abc123.js'), 'export {}');
	writeFileSync(join(build, '_app/immutable/chunks/app.abc123.js.gz'), gzipSync('export {}'));
	writeFileSync(join(build, 'sw.js'), '// worker');
	writeFileSync(join(build, 'manifest.webmanifest'), '{}');
	writeFileSync(join(build, 'workbox-1a2b3c4d.js'), '// workbox runtime');
	server = await startTestServer({ staticDir: build, allowedOrigins: ['https://app.example'], maxBodyBytes: 1024 });
});
afterAll(() => server.close());

const get = (path: string, init?: RequestInit) => fetch(`${server.origin}${path}`, init);

function rawGet(path: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
			let body = '';
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.once('error', reject);
		req.end();
	});
}

describe('static PWA', () => {
	it('caches hashed assets for a year and revalidates everything else', async () => {
		const asset = await get('/_app/immutable/chunks/app.abc123.js');
		expect(asset.status).toBe(200);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(asset.headers.get('content-type')).toMatch(/javascript/);
		const worker = await get('/sw.js');
		expect(worker.headers.get('cache-control')).toBe('no-cache');
	});

	it('serves the worker, its Workbox runtime and the manifest fresh, with their own types', async () => {
		for (const [path, type] of [
			['/sw.js', /javascript/],
			['/workbox-1a2b3c4d.js', /javascript/],
			['/manifest.webmanifest', /^application\/manifest\+json/]
		] as const) {
			const res = await get(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('cache-control'), path).toBe('no-cache');
			expect(res.headers.get('content-type'), path).toMatch(type);
		}
	});

	it.each(['/', '/signin', '/admin/sessions/runner', '/sessions/abc?x=1'])('serves the SPA fallback for %s', async (path) => {
		const res = await get(path);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-cache');
		expect(await res.text()).toBe(FALLBACK);
	});

	it('sends the gzipped build file to browsers that accept it, and the plain one to others', async () => {
		const path = `${server.origin}/_app/immutable/chunks/app.abc123.js`;
		const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
			request(path, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
			})
				.once('error', reject)
				.end();
		});
		expect(zipped.encoding).toBe('gzip');
		expect(gunzipSync(zipped.body).toString()).toBe('export {}');
		expect(await rawGet('/_app/immutable/chunks/app.abc123.js')).toEqual({ status: 200, body: 'export {}' });
	});

	it('answers a missing build asset with 404, not HTML', async () => {
		const res = await get('/_app/immutable/chunks/gone.js');
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toMatch(/json/);
	});

	it('does not serve files outside the build', async () => {
		// Sent verbatim: fetch would resolve the dot segments before they reach the server.
		for (const path of ['/../package.json', '/%2e%2e/package.json', '/_app/../../package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json']) {
			const { status, body } = await rawGet(path);
			expect(body).not.toContain('"name": "session-runner"');
			expect([200, 404]).toContain(status);
		}
	});
});

describe('health and errors', () => {
	it('says it is alive without showing internals, and ready once the store answers', async () => {
		const res = await get('/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
		const ready = await get('/ready');
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ ok: true });
	});

	it('answers unknown API routes and plain GETs of sync paths with the JSON error shape', async () => {
		const missing = await get('/api/nope', { headers: { Authorization: `Bearer ${TOKENS.alpha}` } });
		expect(missing.status).toBe(404);
		expect(await missing.json()).toEqual({ error: { reason: 'not-found', message: expect.any(String) } });
		const plain = await get('/sync/index');
		expect(plain.status).toBe(426);
		expect(((await plain.json()) as { error: { reason: string } }).error.reason).toBe('upgrade-required');
	});

	it('refuses API calls without a valid bearer token', async () => {
		expect((await get('/api/me')).status).toBe(401);
		const wrong = await get('/api/me', { headers: { Authorization: 'Bearer nope' } });
		expect(wrong.status).toBe(401);
		expect(((await wrong.json()) as { error: { reason: string } }).error.reason).toBe('invalid-token');
	});

	it('limits request bodies', async () => {
		const res = await get('/api/auth/redeem', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ token: 'x'.repeat(2048) })
		});
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('body-too-large');
	});
});

describe('origins', () => {
	it('sends CORS headers to a listed origin only', async () => {
		const preflight = await get('/api/me', {
			method: 'OPTIONS',
			headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' }
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
		const listed = await get('/api/me', { headers: { Origin: 'https://app.example', Authorization: `Bearer ${TOKENS.alpha}` } });
		expect(listed.status).toBe(200);
		expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example');
	});

	it('refuses API calls from a foreign origin, and allows the same origin', async () => {
		const foreign = await get('/api/me', { headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TOKENS.alpha}` } });
		expect(foreign.status).toBe(403);
		expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
		const same = await get('/api/me', { headers: { Origin: server.origin, Authorization: `Bearer ${TOKENS.alpha}` } });
		expect(same.status).toBe(200);
	});
});
