import { describe, expect, it } from 'vitest';
import { expiresIn } from './expiry';

describe('pairing link expiry', () => {
	it('counts whole minutes up, then under a minute, then expired', () => {
		expect(expiresIn(600_000, 0)).toBe('expires in 10 minutes');
		expect(expiresIn(600_000, 1)).toBe('expires in 10 minutes');
		expect(expiresIn(90_000, 0)).toBe('expires in 2 minutes');
		expect(expiresIn(60_000, 0)).toBe('expires in less than a minute');
		expect(expiresIn(5, 5)).toBe('expired');
	});
});
