// A token bucket: `burst` messages at once, then `perSecond` on average. A socket over it is read no further
// until a token comes back (connection.ts), so one client cannot keep the event loop busy for everyone.
export class TokenBucket {
	#tokens: number;
	#at: number;

	constructor(
		readonly perSecond: number,
		readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.#tokens = burst;
		this.#at = now();
	}

	/** Takes one token; false (nothing taken) when the bucket is empty. */
	take(): boolean {
		this.#refill();
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	/** How long until a token is back (0 if one is there now). */
	waitMs(): number {
		this.#refill();
		return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / this.perSecond);
	}

	#refill(): void {
		const at = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((at - this.#at) * this.perSecond) / 1000);
		this.#at = at;
	}
}
