import { describe, expect, it } from 'vitest';
import { hostAllowed, originAllowed } from './origins';

const names = { publicUrl: 'https://runner.example', allowedOrigins: ['https://app.example'] };

describe('originAllowed', () => {
	it.each([
		[undefined, 'localhost:8787', true],
		['http://localhost:8787', 'localhost:8787', true],
		['http://LOCALHOST:8787', 'localhost:8787', true],
		['http://127.0.0.1:8787', '127.0.0.1:8787', true],
		['https://runner.example', 'runner.example', true],
		['https://app.example', 'localhost:8787', true],
		['https://app.example:444', 'localhost:8787', false],
		['http://localhost:8788', 'localhost:8787', false],
		['https://evil.example', 'localhost:8787', false],
		// DNS rebinding: the page's own name in both headers.
		['http://evil.example:8787', 'evil.example:8787', false],
		['null', 'localhost:8787', false],
		['not a url', 'localhost:8787', false],
		['http://localhost:8787', undefined, false]
	])('origin %j with host %j -> %j', (origin, host, expected) => {
		expect(originAllowed(origin, host, names)).toBe(expected);
	});
});

describe('hostAllowed', () => {
	it.each([
		['127.0.0.1:8787', true],
		['192.168.1.20:8787', true],
		['[::1]:8787', true],
		['localhost:8787', true],
		['runner.example', true],
		['app.example', true],
		['evil.example:8787', false],
		['127.0.0.1.nip.io:8787', false],
		[undefined, false]
	])('%j -> %j', (host, expected) => {
		expect(hostAllowed(host, names)).toBe(expected);
	});
});
