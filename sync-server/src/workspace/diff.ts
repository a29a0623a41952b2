// Turns a tool's write into the FileChange the runner records in the session, so diffs reach every device.
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../../../src/lib/core/tools';

export function fileChange(rel: string, before: string | null, after: string): FileChange {
	const patch = createTwoFilesPatch(before === null ? '/dev/null' : `a/${rel}`, `b/${rel}`, before ?? '', after, undefined, undefined, {
		context: 3
	});
	return { path: rel, before, after, patch };
}
