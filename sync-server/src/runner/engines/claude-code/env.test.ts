import { mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentEnv, agentHome } from './env';

describe('the environment of a Claude Code process', () => {
	it('holds only what the agent needs, with a home and config directory per tenant under DATA_DIR', async () => {
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agent-env-'));
		const env = await agentEnv({ dataDir, apiKey: 'sk-key', baseUrl: 'http://127.0.0.1:9', path: '/usr/bin:/bin' }, 'alpha');
		expect(Object.keys(env).sort()).toEqual(
			['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'CLAUDE_AGENT_SDK_CLIENT_APP', 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', 'CLAUDE_CONFIG_DIR', 'HOME', 'PATH'].sort()
		);
		expect(env.HOME).toBe(agentHome(dataDir, 'alpha'));
		expect(env.CLAUDE_CONFIG_DIR.startsWith(path.join(dataDir, 'claude', 'alpha'))).toBe(true);
		expect((await stat(env.CLAUDE_CONFIG_DIR)).isDirectory()).toBe(true);
		const other = await agentEnv({ dataDir, apiKey: 'sk-key', baseUrl: undefined, path: undefined }, 'beta');
		expect(other.HOME).not.toBe(env.HOME);
		expect(other.ANTHROPIC_BASE_URL).toBeUndefined();
	});
});
