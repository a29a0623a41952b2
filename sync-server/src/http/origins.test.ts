import { describe, expect, it } from 'vitest';
import { originAllowed } from './origins';

describe('originAllowed', () => {
	const allowed = ['https://app.example'];
	it.each([
		[undefined, 'localhost:8787', true],
		['http://localhost:8787', 'localhost:8787', true],
		['http://LOCALHOST:8787', 'localhost:8787', true],
		['https://app.example', 'localhost:8787', true],
		['https://app.example:444', 'localhost:8787', false],
		['http://localhost:8788', 'localhost:8787', false],
		['https://evil.example', 'localhost:8787', false],
		['null', 'localhost:8787', false],
		['not a url', 'localhost:8787', false],
		['http://localhost:8787', undefined, false]
	])('origin %j with host %j -> %j', (origin, host, expected) => {
		expect(originAllowed(origin, host, allowed)).toBe(expected);
	});
});
