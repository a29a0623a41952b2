// Syntax colouring for code blocks: highlight.js core with a few common languages, so the bundle stays
// small. Its output is HTML-escaped text in `<span class="hljs-…">`, which the sanitiser still checks.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, css, diff, go, javascript, json, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

export interface Highlighted {
	/** Escaped HTML for the inside of `<code>`. */
	html: string;
	/** The language's canonical name, when it is one we colour. */
	language: string | undefined;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** Colours `code` as the fence's language (aliases such as `ts`, `sh`, `html` included); plain text otherwise. */
export function highlight(code: string, fence: string | undefined): Highlighted {
	const name = fence?.trim().split(/\s+/)[0]?.toLowerCase();
	const language = name ? hljs.getLanguage(name) : undefined;
	if (!name || !language) return { html: escapeHtml(code), language: undefined };
	return { html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value, language: language.name?.toLowerCase() };
}
