// The Markdown renderer (marked, DOMPurify, highlight.js: about 50 KB gzipped) loads on first use, so the
// app's first page does not wait for it; messages show as plain text for that moment.
type Render = (markdown: string) => string;
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

/** For a finished text, the shared cached render; for a growing one, a renderer of its own that keeps settled blocks. */
export function rendererFor(module: RenderModule, growing: boolean): Render {
	return growing ? module.streamingRenderer() : module.markdownToSafeHtml;
}
