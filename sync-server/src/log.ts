// The server's one logger (pino, JSON lines on stdout); tokens and sign-in codes are never logged.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
	return pino({ level, base: { service: 'sync-server' }, redact: ['token', 'code', '*.token', '*.code'] });
}

export type { Logger };

/**
 * A line for people on stdout, written through the logger's own stream: that stream writes asynchronously,
 * so a console.log would overtake the log lines logged before it.
 */
export function printAfterLogs(log: Logger, line: string): void {
	(log as unknown as Record<symbol, { write(text: string): void }>)[pino.symbols.streamSym]!.write(`${line}\n`);
}
