import { describe, expect, it } from 'vitest';
import { isLoopbackLink } from './loopback';

describe('isLoopbackLink', () => {
	it.each([
		['http://127.0.0.1:8787/signin#token=x', true],
		['http://127.1.2.3/', true],
		['http://localhost:8787/', true],
		['http://app.localhost/', true],
		['http://[::1]:8787/', true],
		['http://0.0.0.0:8787/', true],
		['http://192.168.1.20:8787/signin#token=x', false],
		['https://runner.example.com/signin#token=x', false],
		['http://127.example.com/', false],
		['not a url', false]
	])('%s → %s', (url, loopback) => {
		expect(isLoopbackLink(url)).toBe(loopback);
	});
});
