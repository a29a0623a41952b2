// Glob patterns (**, *, ?, [abc], {a,b}) as anchored regular expressions over workspace-relative / paths.
const SPECIAL = /[.+^$()|\\]/;

function translate(pattern: string): string {
	let out = '';
	let braces = 0;
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '*') {
			if (pattern[i + 1] === '*') {
				const slash = pattern[i + 2] === '/';
				out += slash ? '(?:.*/)?' : '.*';
				i += slash ? 2 : 1;
			} else out += '[^/]*';
		} else if (ch === '?') out += '[^/]';
		else if (ch === '[') {
			const end = pattern.indexOf(']', i + 2);
			if (end === -1) out += '\\[';
			else {
				const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
				out += `[${body}]`;
				i = end;
			}
		} else if (ch === '{') {
			braces++;
			out += '(?:';
		} else if (ch === '}' && braces > 0) {
			braces--;
			out += ')';
		} else if (ch === ',' && braces > 0) out += '|';
		else out += SPECIAL.test(ch) || ch === '{' || ch === '}' || ch === ']' ? `\\${ch}` : ch;
	}
	return out + ')'.repeat(braces);
}

/** A predicate over relative paths; a pattern without / matches the file name at any depth. */
export function globMatcher(pattern: string): (rel: string) => boolean {
	const clean = pattern.replace(/^(\.\/)+/, '');
	const re = new RegExp(`^${translate(clean)}$`);
	if (clean.includes('/')) return (rel) => re.test(rel);
	return (rel) => re.test(rel.slice(rel.lastIndexOf('/') + 1));
}
