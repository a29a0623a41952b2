import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { newVapidKeys } from './vapid';

describe('newVapidKeys', () => {
	it('makes keys web-push signs with, whose signature the public key verifies', () => {
		for (let i = 0; i < 20; i++) {
			const keys = newVapidKeys();
			expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
			expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
			const { Authorization } = webpush.getVapidHeaders('https://push.example', 'mailto:a@example.com', keys.publicKey, keys.privateKey, 'aes128gcm');
			const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(Authorization) ?? [];
			expect(k).toBe(keys.publicKey);
			const [header, payload, signature] = jwt.split('.');
			const point = Buffer.from(keys.publicKey, 'base64url');
			const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
			expect(verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
		}
	});
});
