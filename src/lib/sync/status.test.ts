import { describe, expect, it } from 'vitest';
import { describeStatus, foldStatus, type DocLink } from './status';

const link = (connected: boolean, synced: boolean, pending = 0): DocLink => ({ connected, synced, pending });
const env = { network: true, signedIn: true };

describe('connection status', () => {
	it('is online only when every document is connected, synced and has nothing pending', () => {
		expect(foldStatus([link(true, true), link(true, true)], env).state).toBe('online');
		expect(foldStatus([link(true, true), link(true, false)], env).state).toBe('syncing');
		expect(foldStatus([link(true, true, 2)], env)).toEqual({ state: 'syncing', pending: 2 });
	});

	it('is offline with a reason: no network, not signed in, or no socket reaches the server', () => {
		expect(foldStatus([link(false, false, 3)], { ...env, network: false })).toEqual({
			state: 'offline',
			pending: 3,
			reason: 'no-network'
		});
		expect(foldStatus([], { ...env, signedIn: false }).reason).toBe('not-signed-in');
		expect(foldStatus([link(false, false)], env).reason).toBe('server-unreachable');
	});

	it('is syncing, not unreachable, while the first attempt to connect is under way', () => {
		expect(foldStatus([{ ...link(false, false), connecting: true }], env).state).toBe('syncing');
		expect(foldStatus([{ ...link(false, false), connecting: true }], { ...env, network: false }).reason).toBe('no-network');
	});

	it('tells how many local changes wait for the server', () => {
		expect(describeStatus({ state: 'offline', pending: 2, reason: 'no-network' })).toBe(
			'Offline · 2 local changes not yet on the server'
		);
		expect(describeStatus({ state: 'syncing', pending: 1 })).toBe('Syncing · 1 local change not yet on the server');
		expect(describeStatus({ state: 'online', pending: 0 })).toBe('Online');
	});

	it('says why it is offline, and that a revoked device is signed out', () => {
		expect(describeStatus({ state: 'offline', pending: 0, reason: 'not-signed-in' })).toBe('Offline · not signed in');
		expect(describeStatus({ state: 'offline', pending: 0, reason: 'no-network' })).toBe('Offline');
		expect(describeStatus({ state: 'offline', pending: 1, reason: 'refused' })).toBe(
			"Offline · signed out: this device's access was revoked · 1 local change not yet on the server"
		);
	});

	it('says when the server refused a change made here, and keeps syncing the other documents', () => {
		const status = foldStatus([link(true, true), { ...link(false, false), rejected: true }], env);
		expect(status).toEqual({ state: 'online', pending: 0, rejected: 1 });
		expect(describeStatus(status)).toBe('Online · 1 document not syncing: the server refused a change made here');
	});
});
