// The runner's settings with their defaults; index.ts fills them from the server configuration.
import { DEFAULT_MODEL } from '../../../src/lib/core/defaults';

export interface LimitsConfig {
	/** Turns one tenant may run at once, across its sessions. */
	concurrentTurns: number;
	/** Prompts one tenant may start within `windowMs`. */
	promptsPerMinute: number;
	windowMs: number;
}

export interface RunnerConfig {
	/** Used when a session names no model (CLAUDE_MODEL, else the core default). */
	defaultModel: string;
	systemPrompt: string;
	maxTokens: number;
	/**
	 * A quiet stream's delta is written on the next event-loop turn; a fast one at most once per `flushMs`
	 * (each write is a store row and a frame to every device, which stores it in IndexedDB): 16 ms, one
	 * frame, bounds a burst to ~60 updates a second, which a phone keeps up with.
	 */
	flushMs: number;
	/** Waiting longer than this for response headers is a timeout (the SDK may retry it). */
	requestTimeoutMs: number;
	/** Silence this long in the middle of a stream is a timeout. */
	idleTimeoutMs: number;
	/** Rounds of tool use in one turn before the runner stops asking Claude to go on. */
	maxToolRounds: number;
	limits: LimitsConfig;
	/** Strings no session or log line may show, whatever an upstream error echoes (the API key). */
	secrets: readonly string[];
}

export const SYSTEM_PROMPT =
	'You are Claude, working in a coding session run by session-runner. The person may read your replies on a ' +
	'phone or a desktop, and may be offline for a while: be clear and self-contained. When tools are available, ' +
	'use them to inspect and change files in the session workspace rather than guessing.';

export const RUNNER_DEFAULTS: RunnerConfig = {
	defaultModel: DEFAULT_MODEL,
	systemPrompt: SYSTEM_PROMPT,
	maxTokens: 8192,
	flushMs: 16,
	requestTimeoutMs: 60_000,
	idleTimeoutMs: 120_000,
	maxToolRounds: 25,
	limits: { concurrentTurns: 2, promptsPerMinute: 20, windowMs: 60_000 },
	secrets: []
};

export type RunnerOptions = Partial<Omit<RunnerConfig, 'limits'>> & { limits?: Partial<LimitsConfig> };

/** Options left undefined (an unset variable) keep their defaults. */
const defined = <T extends object>(o: T | undefined) =>
	Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

export function runnerConfig(options: RunnerOptions = {}): RunnerConfig {
	const { limits, ...rest } = options;
	return { ...RUNNER_DEFAULTS, ...defined(rest), limits: { ...RUNNER_DEFAULTS.limits, ...defined(limits) } };
}
