import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
	});
}

describe('zod in the app', () => {
	it('is imported through core/zod.ts only, so every schema in a browser is built without eval (the CSP forbids it)', () => {
		const direct = sources('src').filter((path) => !path.endsWith(join('core', 'zod.ts')) && /from ['"]zod(\/[^'"]*)?['"]/.test(readFileSync(path, 'utf8')));
		expect(direct).toEqual([]);
	});
});
