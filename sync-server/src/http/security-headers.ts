// Security headers on every response: a Content-Security-Policy the app passes, no framing (clickjacking),
// no MIME sniffing, no referrer. SvelteKit's SPA page starts from an inline script, so script-src names
// that script by its SHA-256, read from the built page (and read again when a new build replaces it).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** The CSP sources of the inline scripts in `html`. */
export function inlineScriptHashes(html: string): string[] {
	return [...html.matchAll(INLINE_SCRIPT)].map(([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}

/** The hashes of the SPA page in `staticDir`, cached until the file changes. */
function builtPageHashes(staticDir: string): () => string[] {
	const page = join(staticDir, '200.html');
	let cached = { mtimeMs: -1, hashes: [] as string[] };
	return () => {
		try {
			const { mtimeMs } = statSync(page);
			if (mtimeMs !== cached.mtimeMs) cached = { mtimeMs, hashes: inlineScriptHashes(readFileSync(page, 'utf8')) };
		} catch {
			cached = { mtimeMs: -1, hashes: [] };
		}
		return cached.hashes;
	};
}

export function securityHeaders(staticDir: string): MiddlewareHandler<AppEnv> {
	const hashes = builtPageHashes(staticDir);
	return secureHeaders({
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			scriptSrc: ["'self'", () => hashes().join(' ')],
			// Svelte transitions and CodeMirror add <style> elements at run time.
			styleSrc: ["'self'", "'unsafe-inline'"],
			imgSrc: ["'self'", 'data:', 'blob:'],
			fontSrc: ["'self'", 'data:'],
			connectSrc: ["'self'"],
			workerSrc: ["'self'"],
			manifestSrc: ["'self'"],
			objectSrc: ["'none'"],
			baseUri: ["'self'"],
			formAction: ["'self'"],
			frameAncestors: ["'none'"]
		},
		xFrameOptions: 'DENY',
		xContentTypeOptions: true,
		referrerPolicy: 'no-referrer',
		// HTTPS is the reverse proxy's business; a header here would pin a plain-HTTP LAN setup.
		strictTransportSecurity: false
	});
}
