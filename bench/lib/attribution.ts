// Which packages a built chunk is made of, from its (hidden) source map: each generated segment's
// characters count for the package, or app folder, of the source it maps to.
import { readFileSync } from 'node:fs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line of source-map mappings into segments of [column, sourceIndex]. */
function decodeLine(line: string, state: { source: number }): Array<[number, number | null]> {
	const out: Array<[number, number | null]> = [];
	let column = 0;
	for (const segment of line.split(',')) {
		if (!segment) continue;
		const fields: number[] = [];
		let value = 0;
		let shift = 0;
		for (const char of segment) {
			const digit = B64.indexOf(char);
			value += (digit & 31) << shift;
			if (digit & 32) shift += 5;
			else {
				fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
				value = 0;
				shift = 0;
			}
		}
		column += fields[0];
		if (fields.length > 1) state.source += fields[1];
		out.push([column, fields.length > 1 ? state.source : null]);
	}
	return out;
}

/** `node_modules/@scope/pkg/...` -> `@scope/pkg`; app sources -> their folder under src/. */
export function ownerOf(source: string): string {
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
	if (pkg) return pkg[1];
	const app = /(src\/(?:lib\/)?[^/]+)/.exec(source);
	return app ? app[1] : source.replace(/^(\.\.\/)+/, '');
}

/** Characters of generated code per owner, for a chunk whose map is at `<file>.map`. */
export function attribute(file: string): Map<string, number> {
	const owners = new Map<string, number>();
	let map: { sources: string[]; mappings: string };
	try {
		map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
	} catch {
		return owners;
	}
	const lines = readFileSync(file, 'utf8').split('\n');
	const state = { source: 0 };
	map.mappings.split(';').forEach((mapping, i) => {
		const segments = decodeLine(mapping, state);
		const line = lines[i] ?? '';
		segments.forEach(([column, source], j) => {
			const end = segments[j + 1]?.[0] ?? line.length;
			const owner = source === null ? '(unmapped)' : ownerOf(map.sources[source] ?? '');
			owners.set(owner, (owners.get(owner) ?? 0) + Math.max(0, end - column));
		});
	});
	return owners;
}
