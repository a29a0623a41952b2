// Per-tenant limits on Claude turns: how many run at once, and how many start per minute. A prompt
// over a limit waits, with a reason the session shows, rather than failing.
import type { LimitsConfig } from './config';

export type Admission = { ok: true; release: () => void } | { ok: false; reason: string; retryAt?: number };

export class TenantLimits {
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
			return { ok: false, reason: `Waiting: ${running} other ${running === 1 ? 'turn is' : 'turns are'} running for this account (at most ${concurrentTurns} at once).` };
		}
		const now = this.now();
		const starts = (this.#starts.get(tenant) ?? []).filter((t) => t > now - windowMs);
		this.#starts.set(tenant, starts);
		if (starts.length >= promptsPerMinute) {
			const retryAt = starts[0] + windowMs;
			const wait = Math.max(1, Math.ceil((retryAt - now) / 1000));
			return { ok: false, reason: `Waiting: the limit of ${promptsPerMinute} prompts per minute is reached; this one starts in about ${wait} s.`, retryAt };
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
