// read: a line range of a text file with line numbers; binary files are named, never dumped into the conversation.
import { readGuardedFile } from '../fileio';
import { guardPath } from '../pathGuard';
import { fail } from '../result';
import { defineTool } from '../tool';

export const DEFAULT_READ_LINES = 2000;
export const MAX_LINE_CHARS = 2000;
/** Keeps one read from filling the model's context; the footer says how to read on. */
export const MAX_READ_CHARS = 100_000;

export function splitLines(text: string): string[] {
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export const readTool = defineTool('read', async (input, ctx) => {
	const guarded = await guardPath(ctx.root, input.path);
	if (!guarded.ok) return guarded;
	if (guarded.stats?.isDirectory()) return fail('not-a-file', `${guarded.rel} is a folder; use list to see it.`);
	const file = await readGuardedFile(guarded.abs, guarded.rel);
	if (!file.ok) return file;
	if (file.text === null) return fail('binary-file', `${guarded.rel} is a binary file (${file.bytes.length} bytes); its contents are not shown.`);
	const lines = splitLines(file.text);
	if (lines.length === 0) return { ok: true, content: `${guarded.rel} is empty.` };
	const first = input.offset ?? 1;
	if (first > lines.length) return { ok: true, content: `[${guarded.rel} has ${lines.length} lines; offset ${first} is past the end]` };
	const last = Math.min(lines.length, first - 1 + (input.limit ?? DEFAULT_READ_LINES));
	const out: string[] = [];
	let chars = 0;
	let shownLast = first - 1;
	for (let n = first; n <= last; n++) {
		const line = lines[n - 1];
		const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} characters]` : line;
		const entry = `${String(n).padStart(6)}\t${shown}`;
		if (chars + entry.length > MAX_READ_CHARS && out.length > 0) break;
		out.push(entry);
		chars += entry.length + 1;
		shownLast = n;
	}
	if (shownLast < lines.length) out.push(`[lines ${first}-${shownLast} of ${lines.length}; read on with offset ${shownLast + 1}]`);
	return { ok: true, content: out.join('\n') };
});
