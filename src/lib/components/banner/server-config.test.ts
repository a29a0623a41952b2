import { describe, expect, it } from 'vitest';
import { cachedConfig, loadServerConfig } from './server-config';

function memoryStorage() {
	const map = new Map<string, string>();
	return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

const answer = (body: unknown, status = 200) => (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
const offline = (async () => {
	throw new TypeError('Failed to fetch');
}) as typeof fetch;

describe('server config', () => {
	it('reads the server’s answer and keeps it for an offline start', async () => {
		const storage = memoryStorage();
		expect(await loadServerConfig(answer({ demo: true, model: 'claude-sonnet-5-5' }), storage)).toEqual({ demo: true, model: 'claude-sonnet-5-5' });
		expect(await loadServerConfig(offline, storage)).toEqual({ demo: true, model: 'claude-sonnet-5-5' });
	});

	it('ignores answers that are not the config (an error, HTML from a static host) and keeps the cache', async () => {
		const storage = memoryStorage();
		await loadServerConfig(answer({ demo: false, model: 'm' }), storage);
		expect(await loadServerConfig(answer({ error: 'x' }, 500), storage)).toEqual({ demo: false, model: 'm' });
		const html = (async () => new Response('<!doctype html>', { status: 200 })) as typeof fetch;
		expect(await loadServerConfig(html, storage)).toEqual({ demo: false, model: 'm' });
	});

	it('knows nothing before the first answer, and survives a corrupt cache', async () => {
		expect(await loadServerConfig(offline, memoryStorage())).toBeNull();
		expect(cachedConfig({ getItem: () => '{not json' })).toBeNull();
	});
});
