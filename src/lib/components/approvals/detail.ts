// What an approval shows of a tool call's input (ours or Claude Code's), so the person sees what they allow: the text a write
// puts in the file, what an edit replaces, the whole command; shortened past a screenful.
const MAX_LINES = 40;
const MAX_CHARS = 4000;

function clip(text: string): string {
	const lines = text.split('\n');
	let out = lines.slice(0, MAX_LINES).join('\n');
	if (out.length > MAX_CHARS) out = out.slice(0, MAX_CHARS);
	const hidden = text.length - out.length;
	return hidden > 0 ? `${out}\n… (${lines.length > MAX_LINES ? `${lines.length - MAX_LINES} more lines` : `${hidden} more characters`})` : out;
}

export function approvalDetail(name: string, input: unknown): string {
	const fields = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
	const replace = (edit: Record<string, unknown>) =>
		`Replace${edit.replace_all ? ' every' : ''}:\n${String(edit.old_string ?? '')}\nwith:\n${String(edit.new_string ?? '')}`;
	switch (name) {
		case 'write':
		case 'Write':
			return clip(text('content'));
		case 'edit':
		case 'Edit':
			return clip(replace(fields));
		case 'MultiEdit':
			return clip((Array.isArray(fields.edits) ? (fields.edits as Record<string, unknown>[]) : []).map(replace).join('\n\n'));
		case 'bash':
		case 'Bash':
			return clip(text('command'));
		default:
			return clip(JSON.stringify(input ?? {}, null, 2));
	}
}
