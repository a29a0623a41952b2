// Every git command of the server starts here: simple-git over the system git, in one folder, with an
// environment of our own (never the server's: no secrets, no askpass, no credential helper, no system
// config), no terminal prompts, a time limit, and the repository's programs (hooks, fsmonitor, a GPG
// or SSH command it names) switched off unless the server's operator allowed them with GIT_HOOKS=1.
// simple-git loads at the first git request, not at start: a server never asked about git does not hold it.
import type { SimpleGit } from 'simple-git';

export interface GitOptions {
	/** GIT_HOOKS=1: run the hooks and programs the repository's own config names. */
	hooks: boolean;
	/** A git process silent for this long is killed. */
	timeoutMs?: number;
	/** git does not look for a repository above this folder. */
	ceiling?: string;
}

export const GIT_TIMEOUT_MS = 15_000;
export const PUSH_TIMEOUT_MS = 60_000;

const ENV_KEYS = ['GIT_TERMINAL_PROMPT', 'GIT_CONFIG_NOSYSTEM', 'GIT_CEILING_DIRECTORIES', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'SSH_ASKPASS'];

/**
 * -c settings beat every config file, so a repository config written by anyone (Claude's file tools
 * included) cannot make a status or a commit run a program. Filter drivers have free names, so
 * `unsafeFilters` refuses a repository that configures one instead.
 */
const LOCKED_DOWN = ['core.hooksPath=/dev/null', 'core.fsmonitor=false', 'gpg.program=gpg', 'core.sshCommand=ssh -o BatchMode=yes'];

export async function gitIn(dir: string, options: GitOptions): Promise<SimpleGit> {
	const { simpleGit } = await import('simple-git');
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		// The operator's ~/.gitconfig gives commits their author.
		...(process.env.HOME ? { HOME: process.env.HOME } : {}),
		LC_ALL: 'C',
		GIT_TERMINAL_PROMPT: '0',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_ASKPASS: '',
		SSH_ASKPASS: '',
		GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
		...(options.ceiling ? { GIT_CEILING_DIRECTORIES: options.ceiling } : {})
	};
	return simpleGit({
		baseDir: dir,
		maxConcurrentProcesses: 2,
		timeout: { block: options.timeoutMs ?? GIT_TIMEOUT_MS },
		allowEnvironment: ENV_KEYS,
		config: ['credential.helper=', ...(options.hooks ? [] : LOCKED_DOWN)],
		unsafe: {
			allowUnsafeCredentialHelper: true,
			allowUnsafeHooksPath: true,
			allowUnsafeFsMonitor: true,
			allowUnsafeGpgProgram: true,
			allowUnsafeSshCommand: true,
			allowUnsafeAskPass: true
		}
	}).env(env);
}

/** Names of the filter drivers the repository configures (they run a program on add and status). */
export async function unsafeFilters(git: SimpleGit): Promise<string[]> {
	const listed = await git.raw(['config', '--get-regexp', '^filter\\..*\\.(clean|smudge|process)$']).catch(() => '');
	return [...new Set(listed.split('\n').map((line) => /^filter\.(.+)\.(clean|smudge|process) /.exec(line)?.[1]).filter((n) => n !== undefined))];
}
