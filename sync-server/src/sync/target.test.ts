import { describe, expect, it } from 'vitest';
import { parseSyncTarget } from './target';

describe('parseSyncTarget', () => {
	it('reads the name and token the y-websocket client sends', () => {
		expect(parseSyncTarget('/sync/index?token=abc')).toEqual({ ok: true, name: 'index', token: 'abc' });
		expect(parseSyncTarget('/sync/session/0190-ab_c?token=a%2Bb')).toEqual({ ok: true, name: 'session/0190-ab_c', token: 'a+b' });
		expect(parseSyncTarget('/sync/index')).toEqual({ ok: true, name: 'index', token: null });
	});

	it.each([
		'/sync/',
		'/sync/session/..',
		'/sync/session/../index',
		'/sync/index/../session/x',
		'/sync/session/%2e%2e',
		'/sync/session%2Fabc',
		'/sync/%69ndex',
		'/sync//index',
		'/sync/index/',
		'/sync/tenant-b/index',
		'/sync/session/a%00b',
		'/sync/session/a\u0000b',
		'/sync/' + 'session/' + 'x'.repeat(5000),
		'/sync/session/x/../../../etc/passwd',
		'/sync/http://evil/index'
	])('refuses the document name in %j', (target) => {
		expect(parseSyncTarget(`${target}?token=t`)).toMatchObject({ ok: false, reason: 'invalid-doc-name', token: 't' });
	});

	it.each(['/', '/index', '//sync/index', '/SYNC/index', '/sync', '/api/sync/index', 'http://host/sync/index'])(
		'is not a sync path: %j',
		(target) => {
			expect(parseSyncTarget(target)).toMatchObject({ ok: false, reason: 'not-found' });
		}
	);
});
