import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './defaults';
import { costOf, priceOf } from './prices';

const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
	inputTokens,
	outputTokens,
	cacheReadTokens,
	cacheWriteTokens
});

describe('prices', () => {
	it('prices the default model', () => {
		expect(priceOf(DEFAULT_MODEL)).toBeDefined();
	});

	it('costs every kind of token at its own rate', () => {
		// Sonnet 5.5: $2 in, $10 out, $0.10 cache read, $2.50 cache write per million.
		expect(costOf('claude-sonnet-5-5', usage(1_000_000, 0))).toBeCloseTo(2);
		expect(costOf('claude-sonnet-5-5', usage(0, 1_000_000))).toBeCloseTo(10);
		expect(costOf('claude-sonnet-5-5', usage(0, 0, 1_000_000))).toBeCloseTo(0.1);
		expect(costOf('claude-sonnet-5-5', usage(0, 0, 0, 1_000_000))).toBeCloseTo(2.5);
		expect(costOf('claude-opus-4-5', usage(1000, 2000))).toBeCloseTo(0.005 + 0.05);
	});

	it('finds dated and long-context ids, and leaves unknown models unpriced', () => {
		expect(priceOf('claude-haiku-4-5-20251001')).toEqual(priceOf('claude-haiku-4-5'));
		expect(priceOf('claude-sonnet-5-5[1m]')).toEqual(priceOf('claude-sonnet-5-5'));
		expect(costOf('claude-unknown-9', usage(10, 10))).toBeUndefined();
	});
});
