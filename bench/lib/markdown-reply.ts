// A reply of mixed Markdown as Claude writes one while working (headings, prose with inline code and bold,
// a list, a code block, a table, a quote), for the benches that stream or render replies.
const SECTION = [
	'## Step {n}\n\nI read `src/lib/parser.ts` and changed the **token** loop so it stops at the end of input.\n\n',
	'- the lexer keeps its position\n- the parser asks for one token at a time\n- errors carry the line number\n\n',
	'```ts\nexport function next(state: State): Token {\n\tconst token = state.tokens[state.at++];\n\treturn token ?? EOF;\n}\n```\n\n',
	'| file | lines |\n| --- | --- |\n| parser.ts | +12 −3 |\n\n> The tests pass; the benchmark is unchanged.\n\n'
].join('');

/** `sections` numbered sections, or as many as `chars` characters need (cut there, trailing space trimmed). */
export function markdownReply({ sections, chars }: { sections?: number; chars?: number }): string {
	const count = sections ?? Math.ceil((chars ?? 0) / SECTION.length);
	const whole = Array.from({ length: count }, (_, n) => SECTION.replace('{n}', String(n + 1))).join('');
	return chars === undefined ? whole : whole.slice(0, chars).trimEnd();
}
