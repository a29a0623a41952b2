// The Markdown renderer (marked, DOMPurify, highlight.js: about 50 KB gzipped) loads on first use, so the
// app's first page does not wait for it; messages show as plain text for that moment.
type RenderModule = typeof import('./render');

let loaded: RenderModule | null = null;
let loading: Promise<RenderModule> | null = null;

/** The renderer module if it has loaded already, so later messages render at once. */
export function loadedRenderer(): RenderModule | null {
	return loaded;
}

export function loadRenderer(): Promise<RenderModule> {
	loading ??= import('./render').then((module) => (loaded = module));
	return loading;
}
