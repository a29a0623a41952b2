// Markdown → safe HTML: the one place model text becomes markup. Raw HTML in the Markdown is shown as
// text, and every render then goes through DOMPurify with an allow-list of the tags this renderer makes,
// so nothing the model writes can run script, load content, submit a form or restyle the page.
import DOMPurify, { type Config } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { escapeHtml, highlight } from './highlight';
import { memoize } from './memo';

const TAGS = [
	'a', 'blockquote', 'br', 'button', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
	'hr', 'li', 'ol', 'p', 'pre', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'
];
const ATTRS = ['href', 'title', 'class', 'type', 'align', 'start'];
/** Links may leave for the web or a mail client; anything else (javascript:, data:, relative) loses its href. */
const SAFE_URL = /^(?:https?|mailto):/i;
/** Classes this renderer and highlight.js write: no other class may pick up the app's own styles. */
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w+#-]+|code-block|code-head|code-lang|copy|raw-html)$/;

const CONFIG: Config = {
	ALLOWED_TAGS: TAGS,
	ALLOWED_ATTR: ATTRS,
	ALLOWED_URI_REGEXP: SAFE_URL,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false
};

const fenceName = (lang: string | undefined) => (lang ?? '').trim().split(/\s+/)[0].toLowerCase().replace(/[^\w+#-]/g, '');

const marked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		code({ text, lang }: Tokens.Code) {
			const name = fenceName(lang);
			const { html, language } = highlight(text.replace(/\n$/, ''), name);
			const label = name ? `<span class="code-lang">${escapeHtml(name)}</span>` : '<span class="code-lang"></span>';
			const cls = language ? `hljs language-${language}` : 'hljs';
			return `<div class="code-block"><div class="code-head">${label}<button type="button" class="copy">Copy</button></div><pre><code class="${cls}">${html}</code></pre></div>`;
		},
		html({ text, block }: Tokens.HTML | Tokens.Tag) {
			return block ? `<p class="raw-html">${escapeHtml(text)}</p>` : escapeHtml(text);
		},
		image({ href, text }: Tokens.Image) {
			// Remote images would load (and track) without a click: offer them as links instead.
			const label = `image: ${text || href}`;
			return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
		},
		checkbox({ checked }: Tokens.Checkbox) {
			return checked ? '☑ ' : '☐ ';
		}
	}
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

function sanitizer(): ReturnType<typeof DOMPurify> | null {
	if (purifier) return purifier;
	if (typeof window === 'undefined') return null;
	const instance = DOMPurify(window);
	if (!instance.isSupported) return null;
	instance.addHook('afterSanitizeAttributes', (node) => {
		if (!(node instanceof window.Element)) return;
		const kept = [...node.classList].filter((c) => SAFE_CLASS.test(c));
		if (kept.length > 0) node.setAttribute('class', kept.join(' '));
		else node.removeAttribute('class');
		if (node.tagName === 'A' && node.hasAttribute('href')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer');
		}
		if (node.tagName === 'BUTTON') node.setAttribute('type', 'button');
	});
	purifier = instance;
	return purifier;
}

/** HTML reduced to the allow-list; without a DOM to sanitise in, the input as escaped text. */
export function sanitizeHtml(html: string): string {
	const purify = sanitizer();
	if (!purify) return escapeHtml(html);
	return purify.sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

/** Safe HTML for the Markdown `source`. */
export function renderMarkdown(source: string): string {
	return sanitizeHtml(marked.parse(source, { async: false }));
}

// A link reference definition (`[x]: url`) changes links anywhere in the text, before it too.
const REFERENCE = /^ {0,3}\[[^\]\n]+\]:/m;

/** A growing text's HTML: blocks that can no longer change, each chunk rendered once and never again, then the open tail. */
export interface StreamedHtml {
	settled: readonly string[];
	tail: string;
}

/**
 * A renderer for one growing text (a streaming reply): blocks that later text can no longer change are
 * rendered once and kept; each call parses only the tail since the last such block. Appended text changes
 * only the last block (a paragraph becoming a heading, a list growing, a fence closing); the one before it
 * stays open too, as a margin. The parts joined are the HTML `renderMarkdown` gives the whole
 * (streaming.test.ts); `settled` is the same array until a block settles, so a view can keep its nodes.
 */
export function streamingRenderer(): (source: string) => StreamedHtml {
	let doneSource = '';
	let settled: string[] = [];
	// The open blocks' HTML by their source, from the previous call: a delta grows the last block, so the
	// one before it, and a block as it settles, are not rendered and sanitised again.
	let drawn = new Map<string, string>();
	return (source) => {
		if (REFERENCE.test(source)) return { settled: [], tail: renderMarkdown(source) };
		if (!source.startsWith(doneSource)) [doneSource, settled, drawn] = ['', [], new Map()];
		const tokens = marked.lexer(source.slice(doneSource.length));
		// Block output is the concatenation of each token's (marked's Parser), and so is its sanitised form.
		const next = new Map<string, string>();
		const html = tokens.map((token) => {
			const out = drawn.get(token.raw) ?? sanitizeHtml(marked.parser([token]));
			next.set(token.raw, out);
			return out;
		});
		drawn = next;
		const blocks = tokens.flatMap((token, i) => (token.type === 'space' ? [] : [i]));
		const cut = blocks.length > 2 ? blocks[blocks.length - 2] : 0;
		if (cut > 0) {
			settled = [...settled, html.slice(0, cut).join('')];
			doneSource += tokens
				.slice(0, cut)
				.map((token) => token.raw)
				.join('');
		}
		return { settled, tail: html.slice(cut).join('') };
	};
}

/** `renderMarkdown` behind a bounded cache: the stream re-renders visible messages on every update. */
export const markdownToSafeHtml = memoize(renderMarkdown, { entries: 300, chars: 4_000_000 });
