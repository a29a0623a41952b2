// What an upstream error says can carry secrets: a gateway set in ANTHROPIC_BASE_URL may echo the request's
// headers in its error body. Its text goes through here before a session stores it (synced to every device)
// or the log writes it: the configured key itself, anything shaped like a key or a credential after a
// header name or an auth scheme is replaced, and long text is cut.
import { stdSerializers } from 'pino';

export const REDACTED = '[redacted]';

/** The most of an upstream's words a session's error message quotes. */
export const UPSTREAM_TEXT_MAX = 500;
/** The most of any one string of an error the log keeps. */
const LOG_TEXT_MAX = 4000;

const KEY_SHAPED = /\bsk-[A-Za-z0-9_-]{8,}/g;
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** A header's value as echoed in JSON, escaped JSON, Python or HTTP form: up to two words (a scheme and its credential). */
const SECRET_HEADER = /((?:x-api-key|api[_-]?key|authorization|cookie)\\?["']?\s*[:=]\s*\\?["']?)[^\s"'\\,;}]+(?:[ \t]+[^\s"'\\,;}]+)?/gi;
/** Properties of a logged error whose value is a credential whatever it looks like. */
const SECRET_NAME = /^(x-api-key|api[_-]?key|authorization|proxy-authorization|cookie|set-cookie)$/i;

export function redact(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
	return out.replace(KEY_SHAPED, REDACTED).replace(SCHEME_CREDENTIAL, `$1 ${REDACTED}`).replace(SECRET_HEADER, `$1${REDACTED}`);
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** An upstream's own words, fit to quote in a session's error message. */
export const upstreamText = (text: string, secrets: readonly string[] = []) => cut(redact(text, secrets), UPSTREAM_TEXT_MAX);

/**
 * An error to log as `err`: pino's serialization of it (causes included) with every string redacted and
 * cut, on the error's own prototype so that the logger still names its class as the type.
 */
export function loggableError(error: unknown, secrets: readonly string[] = []): unknown {
	if (!(error instanceof Error)) return scrub(error, secrets, 0);
	const copy: object = Object.create(Object.getPrototypeOf(error) as object);
	for (const [key, value] of Object.entries(scrub(stdSerializers.err(error), secrets, 0) as object)) {
		Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
	}
	return copy;
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
	if (typeof value === 'string') return cut(redact(value, secrets), LOG_TEXT_MAX);
	if (value === null || typeof value !== 'object') return value;
	if (depth >= 5) return '[nested]';
	if (value instanceof Error) return scrub(stdSerializers.err(value), secrets, depth + 1);
	if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
	return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, SECRET_NAME.test(key) ? REDACTED : scrub(v, secrets, depth + 1)]));
}
