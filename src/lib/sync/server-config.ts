// What the server tells every device before it signs in (`GET /api/config`): whether the demo model
// answers, the model and engine new sessions use, and whether Claude may run shell commands (if not, why). Cached in localStorage so a device that starts offline still
// names the server's model on the sessions it creates. Read on the first screen, so checked by hand
// rather than with zod, which the first screen does not load.
import type { Engine } from '$lib/core/model';

const KEY = 'session-runner.server-config';

export interface ServerConfig {
	demo: boolean;
	model: string;
	/** Absent from servers older than engines; an engine this version does not know reads as absent. */
	defaultEngine?: Engine;
	/** Absent from older servers; `reason` says why shell commands are off, when the server knows. */
	shell?: ShellStatus;
}

export interface ShellStatus {
	enabled: boolean;
	reason?: string;
}

const KNOWN_ENGINES: Record<Engine, true> = { 'claude-code': true, messages: true };

function asShellStatus(value: unknown): ShellStatus | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { enabled, reason } = value as Record<string, unknown>;
	if (typeof enabled !== 'boolean') return undefined;
	return typeof reason === 'string' && reason.length > 0 && reason.length <= 500 ? { enabled, reason } : { enabled };
}

function asServerConfig(value: unknown): ServerConfig | null {
	if (typeof value !== 'object' || value === null) return null;
	const { demo, model, defaultEngine, shell } = value as Record<string, unknown>;
	if (typeof demo !== 'boolean' || typeof model !== 'string' || model.length < 1 || model.length > 200) return null;
	const engine = typeof defaultEngine === 'string' && Object.hasOwn(KNOWN_ENGINES, defaultEngine) ? (defaultEngine as Engine) : undefined;
	const shellStatus = asShellStatus(shell);
	return { demo, model, ...(engine ? { defaultEngine: engine } : {}), ...(shellStatus ? { shell: shellStatus } : {}) };
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function cachedServerConfig(storage: KeyValueStore = localStorage): ServerConfig | null {
	try {
		return asServerConfig(JSON.parse(storage.getItem(KEY) ?? 'null'));
	} catch {
		return null;
	}
}

/** Asks the server and caches its answer; null (cache untouched) when it cannot be reached or answers nonsense. */
export async function fetchServerConfig(
	fetcher: typeof fetch = fetch,
	storage: KeyValueStore = localStorage
): Promise<ServerConfig | null> {
	try {
		const response = await fetcher('/api/config');
		if (!response.ok) return null;
		const config = asServerConfig(await response.json());
		if (config) storage.setItem(KEY, JSON.stringify(config));
		return config;
	} catch {
		return null;
	}
}
