import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config';
import { parsePushService, pushEndpointAllowed, type PushService } from './services';

const list = (...entries: string[]): PushService[] => entries.map((e) => parsePushService(e)!);
const allowed = (endpoint: string, services = DEFAULTS.pushServices) => pushEndpointAllowed(endpoint, services);

describe('push endpoint allow-list', () => {
	it('accepts the endpoints browsers get from their push services', () => {
		expect(allowed('https://fcm.googleapis.com/fcm/send/abc:def')).toBe(true);
		expect(allowed('https://updates.push.services.mozilla.com/wpush/v2/gAAAA')).toBe(true);
		expect(allowed('https://wns2-par02p.notify.windows.com/w/?token=x')).toBe(true);
		expect(allowed('https://web.push.apple.com/QGxv')).toBe(true);
		expect(allowed('https://fcm.googleapis.com:443/fcm/send/x')).toBe(true);
	});

	it('matches whole hosts: a look-alike before or after a listed name is refused', () => {
		expect(allowed('https://evilfcm.googleapis.com.attacker.net/x')).toBe(false);
		expect(allowed('https://fcm.googleapis.com.evil/x')).toBe(false);
		expect(allowed('https://evilfcm.googleapis.com/x')).toBe(false);
		expect(allowed('https://x.fcm.googleapis.com/x')).toBe(false);
		expect(allowed('https://fcm.googleapis.com@attacker.net/x')).toBe(false);
	});

	it('a *. entry needs a dot boundary and does not match the bare suffix', () => {
		expect(allowed('https://a.notify.windows.com/w')).toBe(true);
		expect(allowed('https://evilnotify.windows.com/w')).toBe(false);
		expect(allowed('https://notify.windows.com/w')).toBe(false);
		expect(allowed('https://a.notify.windows.com.evil/w')).toBe(false);
	});

	it('refuses http, other ports, IP literals and localhost unless the list names that host and port', () => {
		expect(allowed('http://fcm.googleapis.com/fcm/send/x')).toBe(false);
		expect(allowed('https://fcm.googleapis.com:8443/fcm/send/x')).toBe(false);
		for (const hostile of ['https://127.0.0.1:4443/ssrf', 'https://169.254.169.254/latest/meta-data', 'https://localhost:4170/health', 'https://[::1]/x', 'https://0x7f000001/x', 'https://app.localhost/x']) {
			expect(allowed(hostile), hostile).toBe(false);
		}
		const local = list('127.0.0.1:4443');
		expect(allowed('https://127.0.0.1:4443/push', local)).toBe(true);
		expect(allowed('https://127.0.0.1:4444/push', local)).toBe(false);
		expect(allowed('https://127.0.0.1/push', local)).toBe(false);
		expect(allowed('https://push.example:8443/x', list('push.example:8443'))).toBe(true);
	});

	it('parses hosts, *.suffixes and host:port, and refuses anything else', () => {
		expect(parsePushService('*.Push.Apple.com')).toEqual({ host: 'push.apple.com', below: true, port: 443, explicitPort: false });
		expect(parsePushService('[::1]:8443')).toEqual({ host: '[::1]', below: false, port: 8443, explicitPort: true });
		for (const bad of ['', 'push.example/path', 'user@push.example', 'localhost', '10.0.0.1', '*.10.0.0.1:443', '*.com', 'a b', '127.1:443']) {
			expect(parsePushService(bad), bad).toBeUndefined();
		}
	});
});
