// An in-process sync server on a free port with a temp DATA_DIR and silent logs (unless a test passes its own); most integration
// tests use this (real sockets, no child process). Config overrides shorten idle times and limits.
import pino, { type Logger } from 'pino';
import { DEFAULTS, type ServerConfig } from '../../sync-server/src/config';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { tempDataDir } from './server-process';

export interface TestServer extends RunningServer {
	/** ws://127.0.0.1:<port>/sync, the serverUrl a WebsocketProvider takes. */
	syncUrl: string;
}

export const TOKENS = { alpha: 'alpha-token-0123456789', beta: 'beta-token-0123456789' } as const;

export async function startTestServer(overrides: Partial<ServerConfig> = {}, log: Logger = pino({ level: 'silent' })): Promise<TestServer> {
	const config: ServerConfig = {
		...DEFAULTS,
		port: 0,
		dataDir: tempDataDir(),
		authTokens: [
			{ tenant: 'alpha', token: TOKENS.alpha },
			{ tenant: 'beta', token: TOKENS.beta }
		],
		...overrides
	};
	const running = await startServer(config, log);
	return { ...running, syncUrl: `${running.origin.replace(/^http/, 'ws')}/sync` };
}
