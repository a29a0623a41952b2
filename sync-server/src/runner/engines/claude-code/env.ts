// What a Claude Code process gets: its own home and config directory under DATA_DIR, one per tenant
// (Claude Code keeps transcripts and memory there, so a shared one would carry one tenant's memory into
// another's sessions), and an environment of only what it needs — `options.env` replaces the child's
// whole environment, so none of the server's secrets (AUTH_TOKENS, DATABASE_URL, ...) reach it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface AgentEnvOptions {
	dataDir: string;
	apiKey: string;
	/** Where the child sends its requests (ANTHROPIC_BASE_URL, or the demo model's local server). */
	baseUrl: string | undefined;
	/** PATH for the child: the tools Bash runs and the binary's own helpers are found through it. */
	path: string | undefined;
}

/** DATA_DIR/claude/<tenant>: HOME of that tenant's Claude Code processes (config in `.claude` below it). */
export function agentHome(dataDir: string, tenant: string): string {
	return path.join(path.resolve(dataDir), 'claude', tenant);
}

/** CLAUDE_CONFIG_DIR of that tenant's processes: transcripts, memory and plan files. */
export function agentConfigDir(dataDir: string, tenant: string): string {
	return path.join(agentHome(dataDir, tenant), '.claude');
}

export async function agentEnv(options: AgentEnvOptions, tenant: string): Promise<Record<string, string>> {
	const home = agentHome(options.dataDir, tenant);
	const configDir = agentConfigDir(options.dataDir, tenant);
	await mkdir(configDir, { recursive: true, mode: 0o700 });
	const env: Record<string, string> = {
		PATH: options.path ?? '/usr/local/bin:/usr/bin:/bin',
		HOME: home,
		CLAUDE_CONFIG_DIR: configDir,
		ANTHROPIC_API_KEY: options.apiKey,
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
		CLAUDE_AGENT_SDK_CLIENT_APP: 'session-runner'
	};
	if (options.baseUrl) env.ANTHROPIC_BASE_URL = options.baseUrl;
	return env;
}
