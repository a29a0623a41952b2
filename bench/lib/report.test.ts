import { describe, expect, it } from 'vitest';
import type { Figure } from './figure';
import { END, markdownTable, START, withSection } from './report';

const figures: Figure[] = [
	{ id: 'a', name: 'Latency', unit: 'ms', median: 1.5, p99: 4, samples: 10, goal: { on: 'p99', max: 5 }, ok: true },
	{ id: 'b', name: 'Size', unit: 'KB', median: 130, p99: 130, samples: 1, goal: { on: 'median', max: 120 }, ok: false },
	{ id: 'c', name: 'Bytes', unit: 'B', median: Number.NaN, p99: 2, samples: 1 }
];

describe('markdownTable', () => {
	it('shows each figure with its goal and whether it was met', () => {
		const lines = markdownTable(figures).split('\n');
		expect(lines[2]).toBe('| Latency | 1.5 ms | 4 ms | ≤ 5 ms (p99) | yes |');
		expect(lines[3]).toBe('| Size | 130 KB | 130 KB | ≤ 120 KB (median) | NO |');
		expect(lines[4]).toBe('| Bytes | – B | 2 B |  |  |');
	});
});

describe('withSection', () => {
	const generated = `${START}\nnew table\n${END}`;

	it('adds a Performance section at the end when there is none', () => {
		const out = withSection('# Title\n\nText.\n', generated);
		expect(out.startsWith('# Title\n\nText.\n\n## Performance\n')).toBe(true);
		expect(out.endsWith(`${generated}\n`)).toBe(true);
	});

	it('rewrites only what is between the markers', () => {
		const readme = `# Title\n\n## Performance\n\nHand-written intro.\n\n${START}\nold table\n${END}\n\n## Later\n`;
		expect(withSection(readme, generated)).toBe(`# Title\n\n## Performance\n\nHand-written intro.\n\n${generated}\n\n## Later\n`);
	});
});
