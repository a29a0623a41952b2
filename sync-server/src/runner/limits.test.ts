import { describe, expect, it } from 'vitest';
import { TenantLimits } from './limits';

describe('TenantLimits', () => {
	it('lets a tenant run only so many turns at once, and says why another waits', () => {
		const limits = new TenantLimits({ concurrentTurns: 2, promptsPerMinute: 100, windowMs: 60_000 });
		const a = limits.tryStart('t1');
		const b = limits.tryStart('t1');
		const c = limits.tryStart('t1');
		expect(a.ok && b.ok).toBe(true);
		expect(c).toMatchObject({ ok: false, reason: expect.stringMatching(/2 other turns are running/) });
		expect(limits.tryStart('t2').ok).toBe(true);
		let woken = 0;
		limits.onRelease(() => woken++);
		if (a.ok) a.release();
		if (a.ok) a.release();
		expect(woken).toBe(1);
		expect(limits.tryStart('t1').ok).toBe(true);
	});

	it('limits prompts per minute and says when the next may start', () => {
		let now = 1_000_000;
		const limits = new TenantLimits({ concurrentTurns: 10, promptsPerMinute: 2, windowMs: 60_000 }, () => now);
		for (let i = 0; i < 2; i++) {
			const turn = limits.tryStart('t1');
			if (turn.ok) turn.release();
		}
		now += 15_000;
		const waiting = limits.tryStart('t1');
		expect(waiting).toEqual({ ok: false, reason: expect.stringMatching(/2 prompts per minute.*about 45 s/), retryAt: 1_060_000 });
		now = 1_060_001;
		expect(limits.tryStart('t1').ok).toBe(true);
	});
});
