// glob: workspace files whose paths match a pattern, bounded, found by a walk that never follows symlinks.
import { globMatcher } from '../globMatch';
import { checkPathShape, guardPath } from '../pathGuard';
import { fail } from '../result';
import { defineTool } from '../tool';
import { SKIPPED_DIRS, walkFiles } from '../walk';

export const DEFAULT_GLOB_RESULTS = 200;

/** The folders a walk skips, except those the pattern names (so `node_modules/x/**` still works). */
export function skippedFor(pattern: string | undefined): string[] {
	const named = new Set((pattern ?? '').split('/'));
	return SKIPPED_DIRS.filter((dir) => !named.has(dir));
}

export const globTool = defineTool('glob', async (input, ctx) => {
	const shape = checkPathShape(input.pattern);
	if (!Array.isArray(shape)) return shape;
	const start = await guardPath(ctx.root, input.path ?? '.');
	if (!start.ok) return start;
	if (!start.stats?.isDirectory()) return fail('not-a-directory', `${start.rel} is a file, not a folder to search in.`);
	const matches = globMatcher(input.pattern);
	const max = input.max_results ?? DEFAULT_GLOB_RESULTS;
	const found: string[] = [];
	const walk = await walkFiles(
		start.abs,
		'.',
		({ rel }) => {
			if (!matches(rel)) return;
			found.push(start.rel === '.' ? rel : `${start.rel}/${rel}`);
			return found.length < max;
		},
		{ signal: ctx.signal, skip: skippedFor(input.pattern) }
	);
	if (walk.aborted) return fail('aborted', 'glob was stopped.');
	if (found.length === 0) return { ok: true, content: `No files match ${input.pattern}${walk.truncated ? ' in the part of the workspace walked' : ''}.` };
	const lines = found.sort();
	if (walk.truncated) lines.push(`[stopped after ${found.length} results; narrow the pattern or the path]`);
	return { ok: true, content: lines.join('\n') };
});
