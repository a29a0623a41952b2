import { describe, expect, it } from 'vitest';
import { NO_USAGE, type SessionTotals } from '$lib/core/turns';
import { compactCount, costLabel, formatUsd, tokenParts, totalsDetail } from './totals';

const totals = (patch: Partial<SessionTotals>): SessionTotals => ({ ...NO_USAGE, ...patch });

describe('session totals wording', () => {
	it('counts tokens compactly', () => {
		expect([950, 1843, 9_990, 12_345, 999_999, 1_250_000, 45_000_000].map(compactCount)).toEqual(['950', '1.8k', '10k', '12k', '1.0M', '1.3M', '45M']);
	});

	it('shows small costs with enough digits to be non-zero', () => {
		expect([0, 0.0042, 0.5, 12.345].map(formatUsd)).toEqual(['$0.00', '$0.0042', '$0.50', '$12.35']);
	});

	it('says "unpriced" when some usage has no price', () => {
		expect(costLabel(totals({ costUsd: 0.12 }))).toBe('$0.12');
		expect(costLabel(totals({ unpriced: true }))).toBe('unpriced');
		expect(costLabel(totals({ costUsd: 0.12, unpriced: true }))).toBe('$0.12 + unpriced');
	});

	it('lists cache tokens only when there are some, and every number in the detail', () => {
		expect(tokenParts(totals({ inputTokens: 1200, outputTokens: 80 }))).toEqual(['1.2k in', '80 out']);
		expect(tokenParts(totals({ inputTokens: 10, outputTokens: 5, cacheReadTokens: 3000 }))).toEqual(['10 in', '5 out', '3.0k cache']);
		const detail = totalsDetail(totals({ requests: 2, inputTokens: 12_345, unpriced: true }));
		expect(detail).toContain('2 API requests');
		expect(detail).toContain('Input: 12,345 tokens');
		expect(detail).toContain('lower bound');
	});
});
