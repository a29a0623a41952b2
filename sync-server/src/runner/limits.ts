// Per-tenant limits on Claude turns: how many run at once, and how many start per minute. A prompt
// over a limit waits, with a reason the session shows, rather than failing.
import type { LimitsConfig } from './config';

export type Admission = { ok: true; release: () => void } | { ok: false; reason: string; retryAt?: number };

/** The limits as the session worker asks them: in this process, or shared by a deployment's instances. */
export interface TurnLimits {
	tryStart(tenant: string): Admission | Promise<Admission>;
	/** Called whenever a turn ends (here or, shared, on another instance), so waiting prompts can try again. */
	onRelease(listener: () => void): () => void;
}

export const runningReason = (running: number, cap: number) =>
	`Waiting: ${running} other ${running === 1 ? 'turn is' : 'turns are'} running for this account (at most ${cap} at once).`;

export const rateReason = (perMinute: number, waitMs: number) =>
	`Waiting: the limit of ${perMinute} prompts per minute is reached; this one starts in about ${Math.max(1, Math.ceil(waitMs / 1000))} s.`;

export class TenantLimits implements TurnLimits {
	readonly #running = new Map<string, number>();
	readonly #starts = new Map<string, number[]>();
	readonly #listeners = new Set<() => void>();

	constructor(
		private readonly config: LimitsConfig,
		private readonly now: () => number = Date.now
	) {}

	tryStart(tenant: string): Admission {
		const { concurrentTurns, promptsPerMinute, windowMs } = this.config;
		const running = this.#running.get(tenant) ?? 0;
		if (running >= concurrentTurns) {
			return { ok: false, reason: runningReason(running, concurrentTurns) };
		}
		const now = this.now();
		const starts = (this.#starts.get(tenant) ?? []).filter((t) => t > now - windowMs);
		this.#starts.set(tenant, starts);
		if (starts.length >= promptsPerMinute) {
			const retryAt = starts[0] + windowMs;
			return { ok: false, reason: rateReason(promptsPerMinute, retryAt - now), retryAt };
		}
		starts.push(now);
		this.#running.set(tenant, running + 1);
		let released = false;
		return {
			ok: true,
			release: () => {
				if (released) return;
				released = true;
				this.#running.set(tenant, (this.#running.get(tenant) ?? 1) - 1);
				for (const listener of this.#listeners) listener();
			}
		};
	}

	/** Called whenever a turn ends, so waiting prompts can try again. */
	onRelease(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

/** MAX_AGENTS: Claude Code processes this server runs at once, over all tenants. */
export class AgentSlots {
	#running = 0;
	readonly #listeners = new Set<() => void>();

	constructor(private readonly max: number) {}

	tryStart(): Admission {
		if (this.#running >= this.max) {
			return { ok: false, reason: `Waiting: ${this.#running} Claude Code agents are running on this server, the most it runs at once (MAX_AGENTS=${this.max}).` };
		}
		this.#running++;
		let released = false;
		return {
			ok: true,
			release: () => {
				if (released) return;
				released = true;
				this.#running--;
				for (const listener of this.#listeners) listener();
			}
		};
	}

	onRelease(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}
