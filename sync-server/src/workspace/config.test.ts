import { describe, expect, it } from 'vitest';
import { workspaceConfigFromEnv } from './config';

describe('workspaceConfigFromEnv', () => {
	it('allows no roots and no shell by default', () => {
		expect(workspaceConfigFromEnv({})).toEqual({ roots: [], shell: null });
		expect(workspaceConfigFromEnv({ WORKSPACE_SHELL: '0' }).shell).toBeNull();
	});

	it('reads comma-separated absolute roots', () => {
		expect(workspaceConfigFromEnv({ WORKSPACE_ROOTS: '/srv/code, /home/me/projects/ ,' }).roots).toEqual(['/srv/code', '/home/me/projects']);
	});

	it('stops on a relative root', () => {
		expect(() => workspaceConfigFromEnv({ WORKSPACE_ROOTS: '/srv,code' })).toThrow(/absolute/);
	});

	it('enables the shell, with an optional default timeout', () => {
		expect(workspaceConfigFromEnv({ WORKSPACE_SHELL: 'true' }).shell).toEqual({});
		expect(workspaceConfigFromEnv({ WORKSPACE_SHELL: '1', WORKSPACE_SHELL_TIMEOUT_MS: '5000' }).shell).toEqual({ timeoutMs: 5000 });
	});
});
