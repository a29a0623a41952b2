// The arithmetic of a virtualised list with rows of varying height: measured heights where known,
// an estimate elsewhere, and the slice of rows that intersects a pixel window.

/** offsets[i] is the top of row i; offsets[n] is the height of all rows together. */
export function offsetsOf(ids: readonly string[], heights: ReadonlyMap<string, number>, estimate: number): Float64Array {
	const offsets = new Float64Array(ids.length + 1);
	for (let i = 0; i < ids.length; i++) offsets[i + 1] = offsets[i] + (heights.get(ids[i]) ?? estimate);
	return offsets;
}

/** The rows [start, end) that overlap the pixel window [top, bottom). */
export function rangeFor(offsets: Float64Array, top: number, bottom: number): { start: number; end: number } {
	const n = offsets.length - 1;
	if (n <= 0) return { start: 0, end: 0 };
	// Last row whose top is at or above `top`.
	let lo = 0;
	let hi = n - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (offsets[mid] <= top) lo = mid;
		else hi = mid - 1;
	}
	const start = lo;
	// First row whose top is at or below `bottom`; rows from there on are out of the window.
	lo = start + 1;
	hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (offsets[mid] >= bottom) hi = mid;
		else lo = mid + 1;
	}
	return { start, end: Math.max(lo, start + 1) };
}

/** A reading place that survives re-measuring: the row at the top of the view and how far into it. */
export interface ScrollPlace {
	anchor: string;
	delta: number;
}

export function placeAt(ids: readonly string[], offsets: Float64Array, top: number): ScrollPlace | undefined {
	if (ids.length === 0) return undefined;
	const { start } = rangeFor(offsets, top, top + 1);
	return { anchor: ids[start], delta: top - offsets[start] };
}

/** Where to scroll to show `place` again; undefined while its row is not loaded. */
export function topOf(place: ScrollPlace, ids: readonly string[], offsets: Float64Array): number | undefined {
	const at = ids.indexOf(place.anchor);
	return at < 0 ? undefined : offsets[at] + place.delta;
}
