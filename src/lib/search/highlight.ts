// Splits text into plain and matched parts for display: the UI renders them as text nodes (never HTML),
// so whatever a message holds stays inert. A long text is cut to a window around the first match.
export interface Part {
	text: string;
	hit: boolean;
}

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string, terms: string[], width = 180): Part[] {
	const words = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
	if (words.length === 0) return [{ text: text.slice(0, width), hit: false }];
	const pattern = new RegExp(`(${words.map(escape).join('|')})`, 'giu');
	const first = text.search(pattern);
	const start = first > width / 3 ? text.lastIndexOf(' ', first - width / 3) + 1 : 0;
	const window = (start > 0 ? '…' : '') + text.slice(start, start + width) + (start + width < text.length ? '…' : '');
	return window
		.split(pattern)
		.map((part, i) => ({ text: part, hit: i % 2 === 1 }))
		.filter((part) => part.text !== '');
}
