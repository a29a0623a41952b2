// Turns a tool's write into the FileChange the runner records in the session, so diffs reach every device.
// The diff package loads at the first change made, not at start.
import type { FileChange } from '../../../src/lib/core/tools';

export async function fileChange(rel: string, before: string | null, after: string): Promise<FileChange> {
	const { createTwoFilesPatch } = await import('diff');
	const patch = createTwoFilesPatch(before === null ? '/dev/null' : `a/${rel}`, `b/${rel}`, before ?? '', after, undefined, undefined, {
		context: 3
	});
	return { path: rel, before, after, patch };
}
