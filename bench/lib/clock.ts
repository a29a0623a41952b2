// One clock for several processes: CLOCK_MONOTONIC (process.hrtime) is system-wide, unlike
// performance.now(), whose origin is each process's start. In milliseconds.
export const monoNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Converts a performance.now() reading of this process to monoNow's scale. */
const offset = monoNow() - performance.now();
export const toMono = (performanceNow: number): number => performanceNow + offset;
