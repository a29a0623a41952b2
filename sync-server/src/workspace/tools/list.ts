// list: one folder, not recursive, with types and sizes, for the model to find its way around.
import { guardPath } from '../pathGuard';
import { listDir, type Entry } from '../listing';
import { fail } from '../result';
import { defineTool } from '../tool';

function line(entry: Entry): string {
	switch (entry.type) {
		case 'dir':
			return `${entry.name}/`;
		case 'file':
			return `${entry.name}  (${entry.size} bytes)`;
		case 'symlink':
			return `${entry.name}  (symbolic link)`;
		default:
			return `${entry.name}  (device, pipe or socket)`;
	}
}

export const listTool = defineTool('list', async (input, ctx) => {
	const guarded = await guardPath(ctx.root, input.path);
	if (!guarded.ok) return guarded;
	if (!guarded.stats?.isDirectory()) return fail('not-a-directory', `${guarded.rel} is a file; use read to see it.`);
	const { entries, truncated } = await listDir(guarded.abs, guarded.rel);
	if (entries.length === 0) return { ok: true, content: `${guarded.rel} is empty.` };
	const lines = entries.map(line);
	if (truncated) lines.push(`[only the first ${entries.length} entries are shown; use glob to narrow down]`);
	return { ok: true, content: lines.join('\n') };
});
