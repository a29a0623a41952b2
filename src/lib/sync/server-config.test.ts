import { describe, expect, it } from 'vitest';
import { cachedServerConfig, fetchServerConfig } from './server-config';

function memoryStorage() {
	const map = new Map<string, string>();
	return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

const answering = (body: unknown, status = 200) => (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe('server config', () => {
	it("keeps the server's answer, so a device that starts offline knows the model", async () => {
		const storage = memoryStorage();
		expect(cachedServerConfig(storage)).toBeNull();
		expect(await fetchServerConfig(answering({ demo: true, model: 'claude-x' }), storage)).toEqual({ demo: true, model: 'claude-x' });
		expect(cachedServerConfig(storage)).toEqual({ demo: true, model: 'claude-x' });
	});

	it('leaves the cached answer alone when the server is down or answers nonsense', async () => {
		const storage = memoryStorage();
		await fetchServerConfig(answering({ demo: false, model: 'claude-y' }), storage);
		const down = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		expect(await fetchServerConfig(down, storage)).toBeNull();
		expect(await fetchServerConfig(answering({ model: 42 }), storage)).toBeNull();
		expect(await fetchServerConfig(answering({ error: {} }, 500), storage)).toBeNull();
		expect(cachedServerConfig(storage)).toEqual({ demo: false, model: 'claude-y' });
	});

	it('reads the engine new sessions use, and treats one it does not know as unsaid', async () => {
		const storage = memoryStorage();
		expect(await fetchServerConfig(answering({ demo: false, model: 'm', defaultEngine: 'messages' }), storage)).toMatchObject({ defaultEngine: 'messages' });
		const future = await fetchServerConfig(answering({ demo: false, model: 'm', defaultEngine: 'warp-drive' }), storage);
		expect(future).not.toBeNull();
		expect(future?.defaultEngine).toBeUndefined();
	});

	it('reads whether shell commands run and why they are off, and ignores a malformed answer', async () => {
		const storage = memoryStorage();
		const off = { enabled: false, reason: 'Shell commands are off: WORKSPACE_SHELL is not set on this server.' };
		expect(await fetchServerConfig(answering({ demo: false, model: 'm', shell: off }), storage)).toMatchObject({ shell: off });
		expect(cachedServerConfig(storage)?.shell).toEqual(off);
		expect((await fetchServerConfig(answering({ demo: false, model: 'm', shell: { enabled: 'yes' } }), storage))?.shell).toBeUndefined();
	});

	it('ignores a corrupt cache entry', () => {
		const storage = memoryStorage();
		storage.setItem('session-runner.server-config', '{not json');
		expect(cachedServerConfig(storage)).toBeNull();
	});
});
