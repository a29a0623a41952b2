// One measured figure against its goal, and the result file every bench module writes: run.ts reads
// these to print one table and to write bench/results/latest.json.
import { writeFileSync } from 'node:fs';
import { machine, type Machine } from './machine';
import { round, type Summary } from './stats';

export interface Goal {
	/** The figure meets its goal when this statistic (or, for `both`, median and p99) is at most `max`. */
	on: 'median' | 'p99' | 'both';
	max: number;
}

export interface Figure {
	/** Stable key, e.g. `sync.ours.median`. */
	id: string;
	/** What the table shows in its first column. */
	name: string;
	unit: string;
	median: number;
	p99: number;
	samples: number;
	goal?: Goal;
	ok?: boolean;
	note?: string;
}

export interface BenchResult {
	bench: string;
	figures: Figure[];
	/** Everything else the bench measured, for the JSON only. */
	details: Record<string, unknown>;
	machine: { before: Machine; after: Machine };
	durationMs: number;
	at: string;
}

export function figure(id: string, name: string, unit: string, summary: Pick<Summary, 'median' | 'p99' | 'n'>, goal?: Goal, note?: string): Figure {
	const median = round(summary.median);
	const p99 = round(summary.p99);
	const measured = { median, p99, both: Math.max(median, p99) };
	const ok = goal ? measured[goal.on] <= goal.max : undefined;
	return { id, name, unit, median, p99, samples: summary.n, goal, ok, note };
}

/** A single reading (a size, a one-off count): its median and p99 are the value itself. */
export const single = (value: number) => ({ median: value, p99: value, n: 1 });

/**
 * Runs a bench body and writes its result as JSON to `--out <file>` (run.ts passes one), else prints it.
 * The machine is read before and after, so the load average during the run is on record.
 */
export async function runBench(bench: string, body: () => Promise<{ figures: Figure[]; details?: Record<string, unknown> }>): Promise<void> {
	const before = machine();
	const started = performance.now();
	let measured: Awaited<ReturnType<typeof body>>;
	try {
		measured = await body();
	} catch (error) {
		console.error(`${bench} failed:`, error);
		process.exit(1);
	}
	const { figures, details = {} } = measured;
	const result: BenchResult = {
		bench,
		figures,
		details,
		machine: { before, after: machine() },
		durationMs: Math.round(performance.now() - started),
		at: new Date().toISOString()
	};
	const json = JSON.stringify(result, null, 2);
	const out = process.argv.indexOf('--out');
	if (out !== -1 && process.argv[out + 1]) writeFileSync(process.argv[out + 1], json + '\n');
	else console.log(json);
	// Clients and servers a bench leaves behind must not keep it running; an unref'd timer only fires if they do.
	setTimeout(() => process.exit(0), 200).unref();
}
