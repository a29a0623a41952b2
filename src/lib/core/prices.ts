// The price table, as data in one place: the server and the UI both cost usage with it.
// USD per million tokens from platform.claude.com/docs/en/about-claude/pricing (checked October 2026);
// cache writes are the 5-minute rate. A model missing here is shown with tokens but no cost.
import type { Usage } from './model';

export interface Price {
	input: number;
	output: number;
	cacheRead: number;
	cacheWrite: number;
}

const price = (input: number, output: number, cacheWrite: number, cacheRead: number): Price => ({
	input,
	output,
	cacheRead,
	cacheWrite
});

export const PRICES: Readonly<Record<string, Price>> = {
	'claude-fable-5-1': price(10, 50, 12.5, 0.25),
	'claude-mythos-5-1': price(10, 50, 12.5, 0.25),
	'claude-fable-5': price(10, 50, 12.5, 1),
	'claude-mythos-5': price(10, 50, 12.5, 1),
	'claude-opus-5-5': price(4, 20, 5, 0.2),
	'claude-opus-5': price(5, 25, 6.25, 0.5),
	'claude-opus-4-8': price(5, 25, 6.25, 0.5),
	'claude-opus-4-7': price(5, 25, 6.25, 0.5),
	'claude-opus-4-6': price(5, 25, 6.25, 0.5),
	'claude-opus-4-5': price(5, 25, 6.25, 0.5),
	'claude-sonnet-5-5': price(2, 10, 2.5, 0.1),
	'claude-sonnet-5': price(2, 10, 2.5, 0.2),
	'claude-sonnet-4-6': price(3, 15, 3.75, 0.3),
	'claude-sonnet-4-5': price(3, 15, 3.75, 0.3),
	// Haiku 5.5 costs five times more when a prompt exceeds 100k tokens; this is the common, shorter band.
	'claude-haiku-5-5': price(0.1, 0.5, 0.125, 0.01),
	'claude-haiku-4-5': price(1, 5, 1.25, 0.1)
};

/** The price of a model id, also for dated (`-20251001`) and long-context (`[1m]`) variants. */
export function priceOf(model: string): Price | undefined {
	const base = model.replace(/\[1m\]$/, '').replace(/-\d{8}$/, '');
	return PRICES[model] ?? PRICES[base];
}

/** Cost in USD, or undefined when the model has no price. */
export function costOf(model: string, usage: Usage): number | undefined {
	const p = priceOf(model);
	if (!p) return undefined;
	const dollars =
		usage.inputTokens * p.input +
		usage.outputTokens * p.output +
		usage.cacheReadTokens * p.cacheRead +
		usage.cacheWriteTokens * p.cacheWrite;
	return dollars / 1_000_000;
}
