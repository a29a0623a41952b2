// How a session's running totals read in its header: compact token counts and a cost that says when
// part of the usage has no price (a model missing from the price table).
import type { SessionTotals } from '$lib/core/turns';

const scaled = (value: number, unit: string) => `${value.toFixed(value < 9.95 ? 1 : 0)}${unit}`;

export function compactCount(n: number): string {
	if (n < 1000) return String(n);
	if (n < 999_500) return scaled(n / 1000, 'k');
	return scaled(n / 1_000_000, 'M');
}

export function formatUsd(usd: number): string {
	if (usd === 0) return '$0.00';
	return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function costLabel(t: SessionTotals): string {
	if (!t.unpriced) return formatUsd(t.costUsd);
	return t.costUsd > 0 ? `${formatUsd(t.costUsd)} + unpriced` : 'unpriced';
}

export function tokenParts(t: SessionTotals): string[] {
	const parts = [`${compactCount(t.inputTokens)} in`, `${compactCount(t.outputTokens)} out`];
	const cache = t.cacheReadTokens + t.cacheWriteTokens;
	if (cache > 0) parts.push(`${compactCount(cache)} cache`);
	return parts;
}

/** The full numbers, for the tooltip. */
export function totalsDetail(t: SessionTotals): string {
	const n = (x: number) => x.toLocaleString('en');
	const lines = [
		`${n(t.requests)} API request${t.requests === 1 ? '' : 's'}`,
		`Input: ${n(t.inputTokens)} tokens`,
		`Output: ${n(t.outputTokens)} tokens`,
		`Cache read: ${n(t.cacheReadTokens)} · cache write: ${n(t.cacheWriteTokens)} tokens`,
		`Cost: ${formatUsd(t.costUsd)}`
	];
	if (t.unpriced) lines.push('Some replies came from a model without a known price, so the cost is a lower bound.');
	return lines.join('\n');
}
