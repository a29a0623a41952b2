// The cost of rendering a streaming reply on each delta: parsing the whole text again (what a finished
// message gets, behind its cache) against the streaming renderer that keeps settled blocks and parses
// only the tail. A long reply of mixed Markdown arrives in 600 deltas; both render every prefix in one
// process, alternating, so the ratio holds on a loaded machine. DOMPurify runs in jsdom, as in the tests.
import { JSDOM } from 'jsdom';
import { figure, runBench } from './lib/figure';
import { markdownReply } from './lib/markdown-reply';
import { summarize } from './lib/stats';

const DELTAS = 600;
const REPLY = markdownReply({ sections: 12 });

await runBench('markdown-stream', async () => {
	const { window } = new JSDOM('');
	Object.assign(globalThis, { window });
	const { renderMarkdown, streamingRenderer } = await import('../src/lib/markdown/render');
	const step = Math.ceil(REPLY.length / DELTAS);
	const prefixes = Array.from({ length: DELTAS }, (_, i) => REPLY.slice(0, Math.min(REPLY.length, (i + 1) * step)));
	const full: number[] = [];
	const streaming: number[] = [];
	const streamed = streamingRenderer();
	for (const prefix of prefixes) {
		let t = performance.now();
		const whole = renderMarkdown(prefix);
		full.push(performance.now() - t);
		t = performance.now();
		const { settled, tail } = streamed(prefix);
		streaming.push(performance.now() - t);
		if (settled.join('') + tail !== whole) throw new Error(`the streaming render differs at ${prefix.length} characters`);
	}
	const [f, s] = [summarize(full), summarize(streaming)];
	const ratio = (s.median / f.median).toFixed(2);
	return {
		figures: [
			figure('markdown.full', `Markdown per delta, whole text parsed (${(REPLY.length / 1024).toFixed(0)} KB reply, ${DELTAS} deltas)`, 'ms', f),
			figure('markdown.streaming', 'Markdown per delta, settled blocks kept (same reply)', 'ms', s, undefined, `streaming / whole = ${ratio} at the median`)
		],
		details: { replyChars: REPLY.length, deltas: DELTAS, fullMs: f, streamingMs: s, ratioAtMedian: Number(ratio) }
	};
});
