// Reads the workspace settings from an environment object (index.ts passes process.env; nothing else reads it).
import path from 'node:path';
import type { ShellOptions } from './tools/bash';

export interface WorkspaceEnvConfig {
	roots: string[];
	/** WORKSPACE_SHELL's settings; the server adds the sandbox once checkSandbox() found one. */
	shell: Omit<ShellOptions, 'bwrap'> | null;
}

const enabled = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value?.trim() ?? '');

/**
 * WORKSPACE_ROOTS: comma-separated absolute folders a session may work in (default none).
 * WORKSPACE_SHELL=1 enables the bash tool; WORKSPACE_SHELL_TIMEOUT_MS sets its default time limit.
 * Throws on a relative root, so a typo stops the server at start instead of silently allowing nothing.
 */
export function workspaceConfigFromEnv(env: Record<string, string | undefined>): WorkspaceEnvConfig {
	const roots = (env.WORKSPACE_ROOTS ?? '')
		.split(',')
		.map((root) => root.trim())
		.filter(Boolean);
	for (const root of roots) if (!path.isAbsolute(root)) throw new Error(`WORKSPACE_ROOTS entries must be absolute paths: ${root}`);
	const timeout = Number(env.WORKSPACE_SHELL_TIMEOUT_MS);
	const shell = enabled(env.WORKSPACE_SHELL) ? (Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) : null;
	return { roots: roots.map((root) => path.resolve(root)), shell };
}
