// Entry point (`npm run server`): the only module that reads the environment. Builds the server,
// prints the address to open (with a one-time sign-in link on the first start), and on SIGTERM or
// SIGINT lets every write finish before exiting.
import { signInLink } from './auth/pairing';
import { parseConfig } from './config';
import { createLogger, printAfterLogs } from './log';
import { runnerService, workspaceToolHost } from './runner';
import { startServer } from './server';
import { lockDataDir } from './store/data-dir-lock';
import { workspaceConfigFromEnv, type WorkspaceEnvConfig } from './workspace/config';
import { checkSandbox } from './workspace/sandbox';
import type { ShellOptions } from './workspace/tools/bash';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
	console.error(`Invalid configuration (${parsed.reason}): ${parsed.message}`);
	process.exit(2);
}
const config = parsed.config;
// With SQLite this process owns DATA_DIR; with PostgreSQL several instances may share it on purpose.
const lock = config.databaseUrl ? undefined : lockDataDir(config.dataDir);
if (lock && !lock.ok) {
	console.error(lock.message);
	process.exit(1);
}
if (lock) process.on('exit', lock.release);
let workspace: WorkspaceEnvConfig;
try {
	workspace = workspaceConfigFromEnv(process.env);
} catch (err) {
	console.error(`Invalid configuration (invalid-workspace-roots): ${(err as Error).message}`);
	process.exit(2);
}
const log = createLogger(config.logLevel);
// WORKSPACE_SHELL runs commands only in a sandbox: without a working bubblewrap the shell stays off, and says why.
let shell: ShellOptions | null = null;
let shellOff: string | undefined;
if (!workspace.shell) shellOff = 'Shell commands are off: WORKSPACE_SHELL is not set on this server.';
else {
	const sandbox = await checkSandbox();
	if (sandbox.ok) shell = { ...workspace.shell, bwrap: sandbox.bwrap };
	else {
		shellOff = `Shell commands are off: ${sandbox.reason}.`;
		log.warn(shellOff);
	}
}
const runner = runnerService({
	tools: ({ host }) => workspaceToolHost({ dataDir: config.dataDir, roots: workspace.roots, shell, host }),
	runner: { limits: { concurrentTurns: config.turnsPerTenant, promptsPerMinute: config.promptsPerMinute } },
	// Claude Code's own Bash gets the same rule (on only where a sandbox works), and then Claude Code runs inside it.
	workspace: { roots: workspace.roots, shell: shell !== null, bwrap: shell?.bwrap },
	agentPath: process.env.PATH
});
const running = await startServer(config, log, { services: [runner], workspaceRoots: workspace.roots, shell: { enabled: shell !== null, reason: shellOff } });
lock?.recordOrigin(running.origin);

// No device has signed in yet: this link signs the first one in, into the first AUTH_TOKENS tenant if any.
// Instances sharing a database print it once per deployment (again only after that link expired). It
// replaces any link printed before, so an old one (a terminal's scrollback, a log) stops working.
const printsLink = async () =>
	(await running.auth.hasNoDevices()) &&
	(!config.databaseUrl || (await running.store.claimNotice('first-sign-in-link', Date.now(), config.signInTtlMs)));
const firstCode = (await printsLink()) ? await running.auth.firstStartCode(config.authTokens[0]?.tenant ?? 'default', config.signInTtlMs) : null;
log.info({ origin: running.origin, store: running.store.kind, dataDir: config.dataDir }, 'listening');
// Last of the start-up output, on a line of its own: what a person looks for.
printAfterLogs(log, `\nOpen ${firstCode ? signInLink(running.origin, firstCode) : running.origin}\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (stopping) process.exit(1);
		stopping = true;
		log.info({ signal }, 'shutting down');
		running.close().then(
			() => process.exit(0),
			(err) => {
				log.error({ err }, 'shutdown failed');
				process.exit(1);
			}
		);
	});
}
