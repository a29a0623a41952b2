// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, streamingRenderer, type StreamedHtml } from './render';

const joined = ({ settled, tail }: StreamedHtml) => settled.join('') + tail;

/** Replies as Claude writes them: headings, lists that turn loose, fences, tables, quotes, a setext heading. */
const REPLIES = [
	'# Plan\n\nFirst I read the parser.\n\n- read `lexer.ts`\n- fix the **token** loop\n\n- then test\n\nDone.',
	'Here is the fix:\n\n```ts\nexport function add(a: number, b: number) {\n\treturn a + b;\n}\n```\n\nAnd the test:\n\n```ts\nexpect(add(1, 2)).toBe(3);\n```\n',
	'Result\n======\n\n| file | lines |\n| --- | --- |\n| a.ts | +5 |\n| b.ts | -2 |\n\n> Note: the cache\n> is cleared.\n\n1. one\n2. two\n\n   still two\n3. three',
	'Paragraph one\ncontinues here.\n\n    indented code\n    more code\n\nText with <b>html</b> and a [link](https://example.com).\n\n---\n\n* a\n    * nested\n* b',
	'Unclosed fence:\n\n```python\nprint("hi")\n\nstill code'
];

describe('streamingRenderer', () => {
	it('renders each growing prefix of a reply as a full parse does, whatever the split into deltas, keeping settled blocks', () => {
		fc.assert(
			fc.property(fc.constantFrom(...REPLIES), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }), (reply, steps) => {
				const render = streamingRenderer();
				let at = 0;
				let before: readonly string[] = [];
				for (const step of [...steps, reply.length]) {
					at = Math.min(reply.length, at + step);
					const html = render(reply.slice(0, at));
					expect(joined(html)).toBe(renderMarkdown(reply.slice(0, at)));
					// Settled blocks stay as they were rendered: the view keeps their nodes.
					expect(html.settled.slice(0, before.length)).toEqual(before);
					before = html.settled;
					if (at === reply.length) break;
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('starts over when the text is replaced rather than grown, and handles link references', () => {
		const render = streamingRenderer();
		expect(joined(render('# One\n\ntwo\n\nthree\n\nfour'))).toBe(renderMarkdown('# One\n\ntwo\n\nthree\n\nfour'));
		expect(joined(render('Other text'))).toBe(renderMarkdown('Other text'));
		const refs = 'See [the docs][d].\n\nMore.\n\nAnd more.\n\n[d]: https://example.com';
		expect(joined(render(refs))).toBe(renderMarkdown(refs));
	});
});
