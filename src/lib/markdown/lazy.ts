// The Markdown renderer (marked, DOMPurify, highlight.js: about 50 KB gzipped) loads on first use, so the
// app's first page does not wait for it; messages show as plain text for that moment.
type Render = (markdown: string) => string;

let loaded: Render | null = null;
let loading: Promise<Render> | null = null;

/** The renderer if it has loaded already, so later messages render at once. */
export function loadedRenderer(): Render | null {
	return loaded;
}

export function loadRenderer(): Promise<Render> {
	loading ??= import('./render').then((module) => (loaded = module.markdownToSafeHtml));
	return loading;
}
