// The server's one logger (pino, JSON lines on stdout); tokens and sign-in codes are never logged.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
	return pino({ level, base: { service: 'sync-server' }, redact: ['token', 'code', '*.token', '*.code'] });
}

export type { Logger };
