import { describe, expect, it } from 'vitest';
import { percentile, round, summarize } from './stats';

describe('summarize', () => {
	it('reports the middle and the 99th-percentile sample by nearest rank', () => {
		const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
		const s = summarize(samples);
		expect(s.median).toBe(100);
		expect(s.p99).toBe(198);
		expect(s.min).toBe(1);
		expect(s.max).toBe(200);
	});

	it('takes the largest sample as p99 when there are fewer than 100', () => {
		expect(summarize([3, 1, 2]).p99).toBe(3);
		expect(summarize([3, 1, 2]).median).toBe(2);
	});

	it('is NaN for no samples rather than a made-up zero', () => {
		expect(percentile([], 50)).toBeNaN();
		expect(summarize([]).median).toBeNaN();
	});
});

describe('round', () => {
	it('keeps small figures precise and large ones short', () => {
		expect(round(0.123456)).toBe(0.123);
		expect(round(123.456)).toBe(123.5);
		expect(round(123456.7)).toBe(123457);
	});
});
