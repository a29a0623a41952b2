import { describe, expect, it } from 'vitest';
import { isId } from '../../../src/lib/core/ids';
import { bearerToken, configDeviceId, hashSecret, mintSecret } from './tokens';

describe('tokens', () => {
	it('mints distinct url-safe secrets and hashes them with SHA-256', () => {
		const a = mintSecret();
		expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(mintSecret()).not.toBe(a);
		expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('derives device ids that are valid ids', () => {
		expect(isId(configDeviceId(hashSecret('x')))).toBe(true);
	});

	it('reads only well-formed bearer headers', () => {
		expect(bearerToken('Bearer abc')).toBe('abc');
		expect(bearerToken('bearer abc ')).toBe('abc');
		expect(bearerToken('Basic abc')).toBeNull();
		expect(bearerToken('Bearer a b')).toBeNull();
		expect(bearerToken(undefined)).toBeNull();
	});
});
