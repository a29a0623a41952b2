// The table every run prints and the README's "Performance" section, both made from latest.json, so
// the README shows exactly what `npm run bench` measured. Only the part between the markers is rewritten.
import type { Figure } from './figure';
import type { Machine } from './machine';

export interface Latest {
	at: string;
	durationMs: number;
	machine: { before: Machine; after: Machine };
	figures: Figure[];
	/** Benches that failed, with their error. */
	failed: Array<{ bench: string; error: string }>;
	results: Record<string, unknown>;
}

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

const fmt = (x: number) => (Number.isFinite(x) ? String(x) : '–');
const goalText = (f: Figure) => (f.goal ? `≤ ${f.goal.max} ${f.unit} (${f.goal.on === 'both' ? 'median and p99' : f.goal.on})` : '');
const okText = (f: Figure) => (f.ok === undefined ? '' : f.ok ? 'yes' : 'NO');

export function markdownTable(figures: Figure[]): string {
	const rows = figures.map((f) => `| ${f.name} | ${fmt(f.median)} ${f.unit} | ${fmt(f.p99)} ${f.unit} | ${goalText(f)} | ${okText(f)} |`);
	return ['| figure | median | p99 | goal | met |', '|---|---:|---:|---|---|', ...rows].join('\n');
}

export function machineLine(m: Machine): string {
	return `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}`;
}

export function performanceSection(latest: Latest): string {
	const notes = latest.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
	const load = `${latest.machine.before.loadAverage.join(' / ')} before, ${latest.machine.after.loadAverage.join(' / ')} after`;
	return [
		START,
		`Measured by \`npm run bench\` on ${latest.at.slice(0, 10)}: ${machineLine(latest.machine.before)}; load average (1/5/15 min) ${load}; ` +
			`the run took ${Math.round(latest.durationMs / 1000)} s. Medians and p99 are over the samples each bench takes (see \`bench/results/latest.json\`).`,
		'',
		markdownTable(latest.figures),
		'',
		...notes,
		...latest.failed.map((f) => `- ${f.bench} failed: ${f.error}`),
		END
	].join('\n');
}

/** Replaces the generated part of the README's Performance section, adding the section at the end if missing. */
export function withSection(readme: string, generated: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start !== -1 && end > start) return readme.slice(0, start) + generated + readme.slice(end + END.length);
	const intro = [
		'## Performance',
		'',
		'Reproduce with `npm run bench` (two to three minutes here; it builds the app first and needs Chromium at',
		'`/usr/bin/chromium`). It prints this table and writes `bench/results/latest.json`; `npm run bench -- --readme`',
		'also rewrites the table below. Each bench is a module in `bench/` and runs alone too, e.g.',
		'`npx tsx bench/sync-latency.ts`. What each measures:',
		'',
		'- Sync latency: 100 live session documents with two devices each (unmodified y-websocket clients); an edit on',
		'  one until the other has applied it, through our server (SQLite, durable before broadcast, token per socket)',
		'  and through `@y/websocket-server` 0.1.1 (in memory, no checks), alternating rounds in one run.',
		'- Stream relay: the fake Anthropic upstream, in its own process, sends a 2,000-token reply; the delay of each',
		'  token until a second device has it (one monotonic clock), the bytes that device received, and the server CPU.',
		'- Server memory: 1,000 devices on 1,000 documents at once, then all gone; resident memory at the peak, after',
		'  the documents unloaded, and after a full GC forced through the inspector (what is really retained).',
		'- Browser at scale: Chromium with 1,000 sessions and 100,000 messages seeded into IndexedDB; navigation until',
		'  the session list is usable, then a click on a 10,000-message session until its newest message shows.',
		'- Size: the JavaScript and CSS a first visit to `/` fetches, gzipped (the server sends them uncompressed).',
		'',
		'Timings on a shared machine move with its load, so the load average is recorded with every run.',
		''
	].join('\n');
	return `${readme.trimEnd()}\n\n${intro}\n${generated}\n`;
}
