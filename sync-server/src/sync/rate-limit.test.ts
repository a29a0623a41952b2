import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit';

describe('TokenBucket', () => {
	it('lets a burst through at once, then refuses until tokens come back at the rate', () => {
		let now = 0;
		const bucket = new TokenBucket(100, 3, () => now);
		expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true]);
		expect(bucket.take()).toBe(false);
		expect(bucket.waitMs()).toBe(10);
		now += 10;
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
	});

	it('never holds more than the burst, however long it was idle', () => {
		let now = 0;
		const bucket = new TokenBucket(100, 2, () => now);
		now += 60_000;
		expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
		expect(bucket.waitMs()).toBe(10);
	});
});
