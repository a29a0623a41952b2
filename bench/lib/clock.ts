// One clock for several processes: CLOCK_MONOTONIC (process.hrtime) is system-wide, unlike
// performance.now(), whose origin is each process's start. In milliseconds.
export const monoNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * monoNow() - performance.now(), from the tightest of several readings: on a loaded machine the process
 * can be preempted between two reads for tens of milliseconds, which would shift every converted time.
 */
function measureOffset(): number {
	let best = { spread: Infinity, offset: 0 };
	for (let i = 0; i < 50; i++) {
		const before = monoNow();
		const perf = performance.now();
		const after = monoNow();
		if (after - before < best.spread) best = { spread: after - before, offset: (before + after) / 2 - perf };
	}
	return best.offset;
}

/** Converts a performance.now() reading of this process to monoNow's scale. */
const offset = measureOffset();
export const toMono = (performanceNow: number): number => performanceNow + offset;
