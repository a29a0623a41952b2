// A new VAPID key pair in the form web-push and browsers take (P-256, base64url: the 65-byte uncompressed
// public point and the 32-byte private scalar). Made with node:crypto, as web-push makes it, so a start
// does not load web-push: it loads at the first notification sent.
import { createECDH } from 'node:crypto';

/** Left-pads with zero bytes: the private scalar has fewer bytes when its leading ones are zero. */
const padded = (bytes: Buffer, length: number) => (bytes.length >= length ? bytes : Buffer.concat([Buffer.alloc(length - bytes.length), bytes]));

export function newVapidKeys(): { publicKey: string; privateKey: string } {
	const curve = createECDH('prime256v1');
	curve.generateKeys();
	return { publicKey: padded(curve.getPublicKey(), 65).toString('base64url'), privateKey: padded(curve.getPrivateKey(), 32).toString('base64url') };
}
