// A recorded unified diff as rows to render as text, unified or side by side. Parsed with jsdiff's
// parsePatch; a patch the session stored cut short (see core/changes.ts) has its hunk counts repaired
// first and its closing note kept, so the part that was stored still shows.
import { parsePatch, type StructuredPatchHunk } from 'diff';

export interface DiffLine {
	kind: 'context' | 'add' | 'del';
	text: string;
	oldNo?: number;
	newNo?: number;
}

export type NoteRow = { kind: 'note'; text: string };
export type HunkRow = { kind: 'hunk'; text: string };
export type UnifiedRow = HunkRow | NoteRow | DiffLine;
export type SplitRow = HunkRow | NoteRow | { kind: 'pair'; left?: DiffLine; right?: DiffLine };

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

/** Rewrites every hunk header's line counts from the lines that follow it (a cut patch lost some). */
function repairCounts(lines: string[]): string[] {
	const out = [...lines];
	for (let i = 0; i < out.length; i++) {
		const match = HUNK.exec(out[i]);
		if (!match) continue;
		let old = 0;
		let added = 0;
		for (let j = i + 1; j < out.length && /^[ +\\-]/.test(out[j]) && !/^(---|\+\+\+) /.test(out[j]); j++) {
			if (out[j][0] === ' ' || out[j][0] === '-') old++;
			if (out[j][0] === ' ' || out[j][0] === '+') added++;
		}
		out[i] = `@@ -${match[1]},${old} +${match[2]},${added} @@${match[3]}`;
	}
	return out;
}

function parse(patch: string): { hunks: StructuredPatchHunk[]; note?: string } {
	try {
		return { hunks: parsePatch(patch).flatMap((p) => p.hunks) };
	} catch {
		const lines = patch.replace(/\n$/, '').split('\n');
		// The cut note is the last line, written as a `\` line so a patch reader skips it.
		const note = lines.at(-1)?.startsWith('\\ The rest') ? lines.pop()!.slice(2) : undefined;
		try {
			return { hunks: parsePatch(repairCounts(lines).join('\n')).flatMap((p) => p.hunks), note };
		} catch {
			return { hunks: [], note: note ?? 'This diff could not be read.' };
		}
	}
}

export function unifiedRows(patch: string): UnifiedRow[] {
	const { hunks, note } = parse(patch);
	const rows: UnifiedRow[] = [];
	for (const hunk of hunks) {
		// parsePatch moves an empty side's start one on (to where its lines would begin); the header shows it as written.
		const start = (at: number, count: number) => (count === 0 ? at - 1 : at);
		rows.push({ kind: 'hunk', text: `@@ -${start(hunk.oldStart, hunk.oldLines)},${hunk.oldLines} +${start(hunk.newStart, hunk.newLines)},${hunk.newLines} @@` });
		let oldNo = hunk.oldStart;
		let newNo = hunk.newStart;
		for (const line of hunk.lines) {
			const text = line.slice(1);
			if (line[0] === '+') rows.push({ kind: 'add', text, newNo: newNo++ });
			else if (line[0] === '-') rows.push({ kind: 'del', text, oldNo: oldNo++ });
			else if (line[0] === ' ') rows.push({ kind: 'context', text, oldNo: oldNo++, newNo: newNo++ });
			else rows.push({ kind: 'note', text: text.trim() });
		}
	}
	if (note) rows.push({ kind: 'note', text: note });
	return rows;
}

/** Removed lines on the left, added on the right, paired in order within each run of changes. */
export function splitRows(patch: string): SplitRow[] {
	const rows: SplitRow[] = [];
	let dels: DiffLine[] = [];
	let adds: DiffLine[] = [];
	const flush = () => {
		for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ kind: 'pair', left: dels[i], right: adds[i] });
		dels = [];
		adds = [];
	};
	for (const row of unifiedRows(patch)) {
		if (row.kind === 'hunk' || row.kind === 'note') {
			flush();
			rows.push(row);
		} else if (row.kind === 'context') {
			flush();
			rows.push({ kind: 'pair', left: row, right: row });
		} else if (row.kind === 'del') {
			// A removal after additions starts a new run (the additions belong to the run before).
			if (adds.length) flush();
			dels.push(row);
		} else {
			adds.push(row);
		}
	}
	flush();
	return rows;
}
