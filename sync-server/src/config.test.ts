import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_SERVICES, DEFAULTS, parseConfig, publicOrigin } from './config';

describe('parseConfig', () => {
	it('uses the documented defaults for an empty environment', () => {
		const result = parseConfig({});
		expect(result).toEqual({ ok: true, config: DEFAULTS });
		expect(DEFAULTS).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', authTokens: [], allowedOrigins: [] });
	});

	it('reads tokens, origins, numbers and the Anthropic settings', () => {
		const result = parseConfig({
			PORT: '9000',
			AUTH_TOKENS: 'team-a:s3cret, team_b:x:y,',
			ALLOWED_ORIGINS: 'https://app.example/, http://localhost:5173',
			IDLE_UNLOAD_MS: '50',
			TURNS_PER_TENANT: '4',
			PROMPTS_PER_MINUTE: '60',
			ANTHROPIC_API_KEY: 'k',
			CLAUDE_MODEL: 'm',
			DATABASE_URL: 'postgres://db/x'
		});
		if (!result.ok) throw new Error(result.message);
		expect(result.config.port).toBe(9000);
		expect(result.config.authTokens).toEqual([
			{ tenant: 'team-a', token: 's3cret' },
			{ tenant: 'team_b', token: 'x:y' }
		]);
		expect(result.config.allowedOrigins).toEqual(['https://app.example', 'http://localhost:5173']);
		expect(result.config.idleUnloadMs).toBe(50);
		expect([result.config.turnsPerTenant, result.config.promptsPerMinute]).toEqual([4, 60]);
		expect(result.config.anthropic).toEqual({ apiKey: 'k', baseUrl: undefined, model: 'm' });
		expect(result.config.databaseUrl).toBe('postgres://db/x');
	});

	it.each([
		[{ PORT: 'eighty' }, 'invalid-number'],
		[{ PORT: '70000' }, 'invalid-number'],
		[{ MAX_FRAME_BYTES: '-1' }, 'invalid-number'],
		[{ HEARTBEAT_MS: '0' }, 'invalid-number'],
		[{ TURNS_PER_TENANT: '0' }, 'invalid-number'],
		[{ PROMPTS_PER_MINUTE: '0' }, 'invalid-number'],
		[{ AUTH_TOKENS: 'no-colon' }, 'invalid-auth-tokens'],
		[{ AUTH_TOKENS: '../x:token' }, 'invalid-auth-tokens'],
		[{ AUTH_TOKENS: 'tenant:' }, 'invalid-auth-tokens'],
		[{ ALLOWED_ORIGINS: 'not a url' }, 'invalid-origin'],
		[{ REDIS_URL: 'redis://r:6379' }, 'redis-needs-database'],
		[{ DEFAULT_ENGINE: 'gpt' }, 'invalid-engine'],
		[{ MAX_AGENTS: '0' }, 'invalid-number'],
		[{ PUSH_CONTACT: 'http://ops.example' }, 'invalid-push-contact'],
		[{ PUSH_CONTACT: 'ops@example.com' }, 'invalid-push-contact'],
		[{ PUSH_SERVICES: 'push.example.com/path' }, 'invalid-push-services'],
		[{ PUSH_SERVICES: '127.0.0.1' }, 'invalid-push-services'],
		[{ PUSH_SERVICES: '*.com' }, 'invalid-push-services']
	])('refuses %j with %s', (env, reason) => {
		expect(parseConfig(env)).toMatchObject({ ok: false, reason });
	});

	it('reads the engine, the agent cap, and the key from a file before the environment', () => {
		const files: Record<string, string> = { '/run/secrets/key': 'sk-from-file\n' };
		const read = (path: string) => {
			if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
			return files[path];
		};
		const result = parseConfig({ DEFAULT_ENGINE: 'messages', MAX_AGENTS: '2', ANTHROPIC_API_KEY: 'env', ANTHROPIC_API_KEY_FILE: '/run/secrets/key' }, read);
		if (!result.ok) throw new Error(result.message);
		expect([result.config.defaultEngine, result.config.maxAgents, result.config.anthropic.apiKey]).toEqual(['messages', 2, 'sk-from-file']);
		expect(parseConfig({ ANTHROPIC_API_KEY_FILE: '/nope' }, read)).toMatchObject({ ok: false, reason: 'invalid-api-key-file' });
		expect(parseConfig({ ANTHROPIC_API_KEY_FILE: '/empty' }, () => ' \n')).toMatchObject({ ok: false, reason: 'invalid-api-key-file' });
		expect(DEFAULTS.defaultEngine).toBe('claude-code');
	});

	it('never echoes a token in an error message', () => {
		const result = parseConfig({ AUTH_TOKENS: 'bad tenant:super-secret-token' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).not.toContain('super-secret-token');
	});
});

describe('PUSH_SERVICES', () => {
	it('defaults to the push services browsers use, and an operator list replaces them', () => {
		expect(DEFAULTS.pushServices.map((s) => s.host)).toEqual(DEFAULT_PUSH_SERVICES.map((e) => e.replace(/^\*\./, '')));
		const result = parseConfig({ PUSH_SERVICES: ' push.example.com, 127.0.0.1:8443 ' });
		if (!result.ok) throw new Error(result.message);
		expect(result.config.pushServices).toEqual([
			{ host: 'push.example.com', below: false, port: 443, explicitPort: false },
			{ host: '127.0.0.1', below: false, port: 8443, explicitPort: true }
		]);
	});
});

describe('publicOrigin', () => {
	it('prefers PUBLIC_URL, and names a wildcard host localhost', () => {
		expect(publicOrigin({ ...DEFAULTS, publicUrl: 'https://runner.example' })).toBe('https://runner.example');
		expect(publicOrigin({ ...DEFAULTS, host: '0.0.0.0' }, 1234)).toBe('http://localhost:1234');
		expect(publicOrigin({ ...DEFAULTS, host: '::1' })).toBe('http://[::1]:8787');
	});
});
