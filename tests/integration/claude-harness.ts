// One real server whose sessions run on Claude Code (the SDK's own `claude` binary) against the fake
// Anthropic server, and y-websocket devices on their documents: the set-up the Claude Code integration
// tests share. Without a key the demo model answers instead of the fake.
import { realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import type { Session } from '../../src/lib/core/model';
import { putSession } from '../../src/lib/core/ydoc';
import { DEFAULTS, type ServerConfig } from '../../sync-server/src/config';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { runnerService } from '../../sync-server/src/runner/index';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { tempDataDir } from '../helpers/server-process';
import { connectDevice, synced, type Device } from '../helpers/yclient';

export const TENANT = 'alpha';
export const TOKEN = 'alpha-token-0123456789';
export const KEY = 'sk-ant-claude-code-test';

export interface ClaudeServer {
	server: RunningServer;
	/** The scripted upstream; undefined with `demo`. */
	fake: FakeAnthropic | undefined;
	dataDir: string;
	/** Writes a Claude Code session into the tenant's index, so the runner knows it before its first prompt. */
	addSession(session?: Partial<Session>): Promise<Session>;
	/** A device on the session's document, synced; closed with the server. */
	connect(sessionId: string): Promise<Device>;
	/** The session's own folder under DATA_DIR. */
	folderOf(sessionId: string): string;
	close(): Promise<void>;
}

export async function startClaudeServer(options: { name: string; demo?: boolean; config?: Partial<ServerConfig>; log?: Logger }): Promise<ClaudeServer> {
	const fake = options.demo ? undefined : await startFakeAnthropic({ apiKey: KEY });
	const dataDir = await realpath(tempDataDir(`${options.name}-`));
	const anthropic = fake ? { apiKey: KEY, baseUrl: fake.url, model: undefined } : { apiKey: undefined, baseUrl: undefined, model: undefined };
	const config = { ...DEFAULTS, port: 0, dataDir, databaseUrl: undefined, authTokens: [{ tenant: TENANT, token: TOKEN }], anthropic, ...options.config };
	const server = await startServer(config, options.log ?? pino({ level: 'silent' }), { services: [runnerService({ workspace: { roots: [], shell: false }, agentPath: process.env.PATH })] });
	const devices: Device[] = [];
	return {
		server,
		fake,
		dataDir,
		async addSession(session = {}) {
			const full: Session = { id: newId(), title: 'Agent', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code', ...session };
			const index = await server.registry.open(TENANT, INDEX_DOC);
			putSession(index.doc, full);
			index.release();
			return full;
		},
		async connect(sessionId) {
			const device = connectDevice(`${server.origin.replace(/^http/, 'ws')}/sync`, sessionDocName(sessionId), TOKEN);
			devices.push(device);
			await synced(device.provider);
			return device;
		},
		folderOf: (sessionId) => path.join(dataDir, 'workspaces', TENANT, sessionId),
		async close() {
			for (const device of devices) device.destroy();
			await server.close();
			await fake?.close();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
