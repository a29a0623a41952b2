// search: a regular expression over the workspace's text files, bounded in matches, file size and time.
import { readGuardedFile } from '../fileio';
import { globMatcher } from '../globMatch';
import { guardPath } from '../pathGuard';
import { createScanner, type Scanner } from '../regexScan';
import { fail } from '../result';
import { defineTool } from '../tool';
import { walkFiles } from '../walk';
import { skippedFor } from './glob';
import { splitLines } from './read';

export const DEFAULT_SEARCH_MATCHES = 100;
/** Larger files are skipped (and counted), so one log file cannot dominate the search. */
export const MAX_SEARCH_FILE_BYTES = 1024 * 1024;
const MAX_SHOWN_CHARS = 300;

function compile(pattern: string, caseInsensitive: boolean): Scanner | null {
	try {
		return createScanner(pattern, caseInsensitive ? 'i' : '');
	} catch {
		return null;
	}
}

export const searchTool = defineTool('search', async (input, ctx) => {
	const scanner = compile(input.pattern, input.case_insensitive);
	if (!scanner) return fail('invalid-regex', `${input.pattern} is not a valid JavaScript regular expression.`);
	const start = await guardPath(ctx.root, input.path ?? '.');
	if (!start.ok) return start;
	const filter = input.glob ? globMatcher(input.glob) : () => true;
	const max = input.max_matches ?? DEFAULT_SEARCH_MATCHES;
	const out: string[] = [];
	const skipped = { binary: 0, large: 0 };
	let timedOut = false;

	const searchFile = async (abs: string, rel: string, shown: string): Promise<boolean> => {
		if (!filter(rel)) return true;
		const file = await readGuardedFile(abs, shown, MAX_SEARCH_FILE_BYTES);
		if (!file.ok) {
			if (file.reason === 'file-too-large') skipped.large++;
			return true;
		}
		if (file.text === null) {
			skipped.binary++;
			return true;
		}
		const found = scanner.scan(file.text, max - out.length);
		if (found === 'timeout') {
			timedOut = true;
			return false;
		}
		const lines = found.length > 0 ? splitLines(file.text) : [];
		for (const n of found) out.push(`${shown}:${n}: ${(lines[n - 1] ?? '').slice(0, MAX_SHOWN_CHARS)}`);
		return out.length < max;
	};

	let truncated = false;
	if (start.stats?.isFile()) truncated = !(await searchFile(start.abs, start.rel, start.rel));
	else {
		const walk = await walkFiles(start.abs, '.', ({ abs, rel }) => searchFile(abs, rel, start.rel === '.' ? rel : `${start.rel}/${rel}`), {
			signal: ctx.signal,
			skip: skippedFor(input.glob)
		});
		if (walk.aborted) return fail('aborted', 'search was stopped.');
		truncated = walk.truncated;
	}
	if (timedOut) return fail('regex-timeout', `${input.pattern} took too long to match (catastrophic backtracking?); simplify the pattern.`);
	const notes: string[] = [];
	if (truncated) notes.push(`[stopped after ${out.length} matches; narrow the pattern, path or glob]`);
	if (skipped.binary || skipped.large) notes.push(`[skipped ${skipped.binary} binary files and ${skipped.large} files over ${MAX_SEARCH_FILE_BYTES} bytes]`);
	if (out.length === 0) return { ok: true, content: [`No matches for ${input.pattern}.`, ...notes].join('\n') };
	return { ok: true, content: [...out, ...notes].join('\n') };
});
