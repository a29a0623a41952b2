// Summaries of timing samples by nearest rank, so a median or p99 is always a value that was measured.

export interface Summary {
	n: number;
	median: number;
	p99: number;
	min: number;
	max: number;
	mean: number;
}

/** The nearest-rank percentile of ascending `sorted` (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const sum = sorted.reduce((s, x) => s + x, 0);
	return {
		n: sorted.length,
		median: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		min: sorted[0] ?? Number.NaN,
		max: sorted.at(-1) ?? Number.NaN,
		mean: sorted.length ? sum / sorted.length : Number.NaN
	};
}

/** Rounds for reports: three significant decimals below 10, fewer above. */
export function round(x: number): number {
	if (!Number.isFinite(x)) return x;
	const digits = Math.abs(x) < 10 ? 3 : Math.abs(x) < 1000 ? 1 : 0;
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}
