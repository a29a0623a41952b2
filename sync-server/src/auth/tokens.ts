// Secrets are 256 random bits, shown once; the server keeps only their SHA-256, so a leaked database
// signs nobody in.
import { createHash, randomBytes } from 'node:crypto';

export function mintSecret(): string {
	return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A stable device id for a token from AUTH_TOKENS, derived from its hash (it has no stored row). */
export function configDeviceId(hash: string): string {
	return `config-${hash.slice(0, 16)}`;
}

/** Reads the credential from `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match ? match[1] : null;
}
