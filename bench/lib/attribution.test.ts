import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute, ownerOf } from './attribution';

describe('ownerOf', () => {
	it('names the package for dependencies and the folder for app code', () => {
		expect(ownerOf('../../node_modules/zod/v4/classic/schemas.js')).toBe('zod');
		expect(ownerOf('../main/node_modules/@sveltejs/kit/src/runtime/client.js')).toBe('@sveltejs/kit');
		expect(ownerOf('../../../src/lib/core/model.ts')).toBe('src/lib/core');
	});
});

describe('attribute', () => {
	it('counts each generated segment for the source it maps to', () => {
		const dir = mkdtempSync(join(tmpdir(), 'attr-'));
		const file = join(dir, 'chunk.js');
		// Line 1: columns 0-9 map to source 0 (a), 10-19 to source 1 (b). Line 2: all of it to source 0.
		writeFileSync(file, 'aaaaaaaaaabbbbbbbbbb\naaaaa');
		writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sources: ['node_modules/a/x.js', 'node_modules/b/y.js'], mappings: 'AAAA,UCAA;ADAA' }));
		expect(Object.fromEntries(attribute(file))).toEqual({ a: 15, b: 10 });
	});
});
