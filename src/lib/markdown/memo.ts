// A small least-recently-used memo for string → string work, bounded by entries and by characters held,
// so that re-rendering unchanged messages (every stream update re-reads the visible rows) costs a lookup.

export interface MemoLimits {
	entries: number;
	chars: number;
}

export function memoize(fn: (input: string) => string, limits: MemoLimits): (input: string) => string {
	const cache = new Map<string, string>();
	let held = 0;
	return (input) => {
		const hit = cache.get(input);
		if (hit !== undefined) {
			// Re-inserting moves it to the newest end of the Map's order.
			cache.delete(input);
			cache.set(input, hit);
			return hit;
		}
		const output = fn(input);
		const size = input.length + output.length;
		if (size > limits.chars) return output;
		cache.set(input, output);
		held += size;
		for (const [key, value] of cache) {
			if (cache.size <= limits.entries && held <= limits.chars) break;
			cache.delete(key);
			held -= key.length + value.length;
		}
		return output;
	};
}
