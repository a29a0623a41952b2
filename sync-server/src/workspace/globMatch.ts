// Glob patterns (**, *, ?, [abc], [!abc], {a,b}) over workspace-relative / paths, through picomatch.
// picomatch compiles to a backtracking regular expression (`*a*a*a*a*a*a*b` costs the name's length to
// the sixth power), so the expression runs on V8's linear-time engine instead. That engine takes no
// lookarounds; the ones picomatch adds only refuse `.`/`..` segments and empty paths, which a walk never
// yields, so they are dropped first.
import v8 from 'node:v8';
import picomatch from 'picomatch';

v8.setFlagsFromString('--enable-experimental-regexp-engine');

const OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, maxLength: 4096 };
const SEGMENT_LOOKAROUNDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

/** Parentheses and bars are plain characters in file names; `[!x]` is the shell's negated class. */
function toPicomatch(pattern: string): string {
	return pattern
		.replace(/^(\.\/)+/, '')
		.replace(/[()|]/g, (ch) => `\\${ch}`)
		.replace(/\[!/g, '[^');
}

/** The linear-time form of picomatch's expression; null when it needs a feature that engine lacks. */
export function linearRegex(pattern: string): RegExp | null {
	let source = picomatch.makeRe(toPicomatch(pattern), OPTIONS).source;
	for (const lookaround of SEGMENT_LOOKAROUNDS) source = source.replaceAll(lookaround, '');
	try {
		return new RegExp(source, 'l');
	} catch {
		return null;
	}
}

/** A predicate over relative paths; a pattern without / matches the file name at any depth. */
export function globMatcher(pattern: string): (rel: string) => boolean {
	const glob = toPicomatch(pattern);
	// Anything the linear engine refuses still matches, bounded by the tool worker's time limit.
	const re = linearRegex(pattern) ?? picomatch.makeRe(glob, OPTIONS);
	if (glob.includes('/')) return (rel) => re.test(rel);
	return (rel) => re.test(rel.slice(rel.lastIndexOf('/') + 1));
}
