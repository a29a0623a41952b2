// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from './render';

const DANGEROUS = 'script, iframe, frame, object, embed, img, svg, math, form, input, textarea, select, style, link, meta, base, video, audio, source';

function dom(markdown: string): HTMLElement {
	const host = document.createElement('div');
	host.innerHTML = renderMarkdown(markdown);
	return host;
}

/** Nothing in the output can run code, load content, submit, or restyle the page. */
function expectInert(host: HTMLElement) {
	expect(host.querySelectorAll(DANGEROUS)).toHaveLength(0);
	for (const el of host.querySelectorAll('*')) {
		for (const { name, value } of el.attributes) {
			expect(name.startsWith('on'), `${el.tagName} ${name}`).toBe(false);
			expect(name).not.toBe('style');
			expect(name).not.toBe('id');
			if (name === 'href') expect(value).toMatch(/^(https?|mailto):/i);
		}
	}
}

describe('renderMarkdown: hostile input', () => {
	it('shows a <script> as text, never as an element', () => {
		const host = dom('Before <script>alert(1)</script> after');
		expectInert(host);
		expect(host.textContent).toContain('<script>alert(1)</script>');
	});

	it('shows <img onerror> as text', () => {
		const host = dom('<img src=x onerror="alert(1)">');
		expectInert(host);
		expect(host.textContent).toContain('<img src=x onerror="alert(1)">');
	});

	it('drops javascript: links, however they are spelled, and keeps their text', () => {
		const links = [
			'[one](javascript:alert(1))',
			'[two](JaVaScRiPt:alert(1))',
			'[three](java&#115;cript:alert(1))',
			'[four](&#106;avascript:alert(1))',
			'[five](%20javascript:alert(1))',
			'[six](<javascript:alert(1)>)',
			'[seven](vbscript:msgbox(1))',
			'[eight](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
			'[nine](java\tscript:alert(1))',
			'<javascript:alert(1)>',
			'[ten]: javascript:alert(1)\n\n[ten]'
		];
		const host = dom(links.join('\n\n'));
		expectInert(host);
		for (const word of ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']) {
			expect(host.textContent).toContain(word);
		}
	});

	it('drops a raw <a href="javascript:"> and shows it as text', () => {
		const host = dom('<a href="javascript:alert(1)">click</a>');
		expectInert(host);
		expect(host.querySelectorAll('a')).toHaveLength(0);
	});

	it('shows iframes, forms, styles and SVG with script as text', () => {
		const host = dom(
			[
				'<iframe src="https://evil.example"></iframe>',
				'<form action="https://evil.example"><input name=a><button>Go</button></form>',
				'<style>body { display: none }</style>',
				'<div style="position:fixed;inset:0">cover</div>',
				'<svg><script>alert(1)</script></svg>',
				'<svg onload=alert(1)><circle r=1 /></svg>',
				'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'
			].join('\n\n')
		);
		expectInert(host);
		expect(host.querySelectorAll('button')).toHaveLength(0);
		expect(host.textContent).toContain('<iframe src="https://evil.example">');
	});

	it('keeps entity-encoded markup as text', () => {
		const host = dom('&lt;script&gt;alert(1)&lt;/script&gt; and &#60;img src=x onerror=alert(1)&#62;');
		expectInert(host);
		expect(host.textContent).toContain('<script>alert(1)</script>');
		expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
	});

	it('does not let mutation tricks through (noscript, comments, CDATA)', () => {
		const host = dom(
			[
				'<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
				'<!--<img src=x onerror=alert(1)>-->',
				'<![CDATA[<img src=x onerror=alert(1)>]]>',
				'<p>`<img src=x onerror=alert(1)>`</p>'
			].join('\n\n')
		);
		expectInert(host);
	});

	it('escapes what a code fence holds, and a fence language cannot break out of its class', () => {
		const host = dom('```"><img src=x onerror=alert(1)>\n<script>alert(2)</script>\n```');
		expectInert(host);
		expect(host.querySelector('pre code')?.textContent).toBe('<script>alert(2)</script>');
	});

	it('cannot inject attributes through a link title', () => {
		const host = dom('[x](https://a.example "t\\" onmouseover=\\"alert(1)")');
		expectInert(host);
		expect(host.querySelector('a')?.getAttribute('href')).toBe('https://a.example');
	});

	it('turns images into links, so nothing loads without a click', () => {
		const host = dom('![tracker](https://evil.example/pixel.png) ![bad](javascript:alert(1))');
		expectInert(host);
		expect(host.querySelector('a')?.getAttribute('href')).toBe('https://evil.example/pixel.png');
		expect(host.textContent).toContain('image: tracker');
		expect(host.textContent).toContain('image: bad');
	});

	it('strips classes it did not write, so model text cannot borrow the app’s styles', () => {
		const host = dom('```js\nlet a = 1\n```');
		for (const el of host.querySelectorAll('[class]')) {
			for (const c of el.classList) expect(c).toMatch(/^(hljs|language-|code-|copy)/);
		}
	});
});

describe('sanitizeHtml: the second line of defence, on raw HTML', () => {
	it('removes script, handlers, frames, forms, SVG, styles, ids and foreign classes', () => {
		const host = document.createElement('div');
		host.innerHTML = sanitizeHtml(
			[
				'<script>alert(1)</script>',
				'<img src=x onerror=alert(1)>',
				'<iframe src="https://evil.example"></iframe>',
				'<form action="https://evil.example"><input name=a></form>',
				'<svg onload=alert(1)><script>alert(2)</script></svg>',
				'<p style="position:fixed" id="prompt-input" class="primary hljs-keyword" onclick="alert(3)">text</p>',
				'<a href="javascript:alert(4)">js</a><a href="https://ok.example">ok</a>',
				'<button onclick="alert(5)" type="submit">b</button>'
			].join('')
		);
		expectInert(host);
		expect(host.querySelector('p')?.getAttribute('class')).toBe('hljs-keyword');
		expect(host.querySelector('a:not([href])')?.textContent).toBe('js');
		expect(host.querySelector('a[href]')?.getAttribute('rel')).toBe('noopener noreferrer');
		expect(host.querySelector('button')?.getAttribute('type')).toBe('button');
		expect(host.textContent).toContain('text');
	});

	it('escapeHtml (the fallback without a DOM) escapes what starts markup or ends an attribute', async () => {
		const { escapeHtml } = await import('./highlight');
		expect(escapeHtml('<img src=x onerror="a">')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;');
	});
});

describe('renderMarkdown: what it makes', () => {
	it('opens links in a new tab without handing over the opener', () => {
		const a = dom('See [the docs](https://example.com/docs) or https://example.org.').querySelectorAll('a');
		expect(a).toHaveLength(2);
		for (const link of a) {
			expect(link.getAttribute('target')).toBe('_blank');
			expect(link.getAttribute('rel')).toBe('noopener noreferrer');
		}
	});

	it('highlights a fenced block in a known language, with its name and a Copy button', () => {
		const host = dom('Run this:\n\n```ts\nconst answer: number = 42;\n```\n');
		const block = host.querySelector('.code-block')!;
		expect(block.querySelector('.code-lang')?.textContent).toBe('ts');
		expect(block.querySelector('button')?.textContent).toBe('Copy');
		expect(block.querySelector('button')?.getAttribute('type')).toBe('button');
		expect(block.querySelector('code.language-typescript .hljs-keyword')?.textContent).toBe('const');
		expect(block.querySelector('code')?.textContent).toBe('const answer: number = 42;');
	});

	it('shows an unknown language or a bare fence as plain code', () => {
		const host = dom('```brainfuck\n+[>+<-]\n```\n\n```\nplain <b>\n```');
		const codes = host.querySelectorAll('pre code');
		expect([...codes].map((c) => c.textContent)).toEqual(['+[>+<-]', 'plain <b>']);
		expect(host.querySelectorAll('.hljs-keyword, b')).toHaveLength(0);
	});

	it('renders a fence that is still open while it streams', () => {
		const host = dom('Here:\n\n```python\ndef f():\n    return 1');
		expect(host.querySelector('pre code')?.textContent).toBe('def f():\n    return 1');
	});

	it('renders the usual Markdown: headings, emphasis, lists, tables, quotes, task lists', () => {
		const host = dom(
			'# Title\n\n**bold** _em_ ~~gone~~ `code`\n\n- one\n- two\n\n1. first\n\n> quoted\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo'
		);
		expect(host.querySelector('h1')?.textContent).toBe('Title');
		expect(host.querySelector('strong')?.textContent).toBe('bold');
		expect(host.querySelector('em')?.textContent).toBe('em');
		expect(host.querySelector('del')?.textContent).toBe('gone');
		expect(host.querySelectorAll('ul li').length).toBeGreaterThanOrEqual(2);
		expect(host.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
		expect(host.querySelectorAll('table td')).toHaveLength(2);
		expect(host.textContent).toContain('☑ done');
		expect(host.textContent).toContain('☐ todo');
	});
});
