// `npm run bench`: builds the app, runs each bench module as its own process (one at a time, so they do
// not measure each other), prints one table and writes bench/results/latest.json (plus each bench's JSON).
// Flags: --readme rewrites the README's Performance table; --only a,b runs some (and writes only their
// own JSON, so latest.json and the README always hold a whole run); --no-build reuses build/.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../tests/helpers/server-process';
import type { BenchResult, Figure } from './lib/figure';
import { machine } from './lib/machine';
import { machineLine, markdownTable, performanceSection, withSection, type Latest } from './lib/report';

const BENCHES = ['sync-latency', 'stream-relay', 'relay-screen', 'markdown-stream', 'server-memory', 'server-curves', 'browser-scale', 'doc-size', 'search', 'bundle-size', 'cluster', 'agent-engines', 'checkpoints'];
/** Benches that load the built app. */
const NEEDS_BUILD = new Set(['relay-screen', 'browser-scale', 'doc-size', 'search', 'bundle-size']);
const TIME_LIMIT_MS = 4 * 60_000;
const RESULTS = join(ROOT, 'bench', 'results');

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : BENCHES;
const unknown = only.filter((b) => !BENCHES.includes(b));
if (unknown.length > 0) {
	console.error(`Unknown bench ${unknown.join(', ')}; there are ${BENCHES.join(', ')}`);
	process.exit(2);
}

function runOne(bench: string): Promise<BenchResult> {
	const out = join(tmpdir(), `bench-${bench}-${process.pid}.json`);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join('bench', `${bench}.ts`), '--out', out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
		const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(signal === 'SIGKILL' ? `over the ${TIME_LIMIT_MS / 60_000} min limit` : `exited with ${code ?? signal}`));
			try {
				resolve(JSON.parse(readFileSync(out, 'utf8')) as BenchResult);
			} catch (error) {
				reject(error);
			} finally {
				rmSync(out, { force: true });
			}
		});
	});
}

const started = performance.now();
const before = machine();
console.log(`Bench on ${machineLine(before)}; load average ${before.loadAverage.join(' / ')}`);
if (!flag('--no-build') && only.some((b) => NEEDS_BUILD.has(b))) {
	console.log('Building the app (vite build, hidden source maps for the size breakdown)…');
	execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--sourcemap', 'hidden', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

mkdirSync(RESULTS, { recursive: true });
const figures: Figure[] = [];
const failed: Latest['failed'] = [];
const results: Record<string, BenchResult> = {};
for (const bench of only) {
	const t0 = performance.now();
	process.stdout.write(`${bench}… `);
	try {
		const result = await runOne(bench);
		results[bench] = result;
		figures.push(...result.figures);
		writeFileSync(join(RESULTS, `${bench}.json`), JSON.stringify(result, null, 2) + '\n');
		console.log(`${Math.round((performance.now() - t0) / 1000)} s`);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		failed.push({ bench, error: message });
		console.log(`FAILED: ${message}`);
	}
}

const latest: Latest = {
	at: new Date().toISOString(),
	durationMs: Math.round(performance.now() - started),
	machine: { before, after: machine() },
	figures,
	failed,
	results
};
const whole = only.length === BENCHES.length;
if (whole) writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(latest, null, 2) + '\n');
console.log(`\n${markdownTable(figures)}\n`);
for (const f of figures.filter((x) => x.note)) console.log(`- ${f.name}: ${f.note}`);
const wrote = whole ? 'bench/results/latest.json' : `bench/results/{${only.join(',')}}.json (not latest.json: a partial run)`;
console.log(`\nWrote ${wrote} in ${Math.round(latest.durationMs / 1000)} s; load average now ${latest.machine.after.loadAverage.join(' / ')}`);
if (flag('--readme') && whole) {
	const path = join(ROOT, 'README.md');
	writeFileSync(path, withSection(readFileSync(path, 'utf8'), performanceSection(latest)));
	console.log('Rewrote the Performance table in README.md');
} else if (flag('--readme')) console.log('README.md left alone: --readme takes a whole run');
if (failed.length > 0) process.exit(1);
