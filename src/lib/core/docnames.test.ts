import { describe, expect, it } from 'vitest';
import { parseDocName, sessionDocName } from './docnames';

describe('parseDocName', () => {
	it('accepts the index and session documents', () => {
		expect(parseDocName('index')).toEqual({ kind: 'index' });
		expect(parseDocName(sessionDocName('abc-123'))).toEqual({ kind: 'session', sessionId: 'abc-123' });
	});

	it.each([
		'',
		'..',
		'session/..',
		'session/../index',
		'session/a/b',
		'/index',
		'session/%2e%2e',
		'session/a%2Fb',
		'session/',
		'session/' + 'x'.repeat(65),
		'tenant-b/index',
		'session/a\u0000b',
		'INDEX'
	])('refuses %j', (name) => {
		expect(parseDocName(name)).toBeNull();
	});
});
