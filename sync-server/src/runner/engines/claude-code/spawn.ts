// How a `claude` process starts. With a working bubblewrap it runs inside the same sandbox as the
// shell's commands: its own PID namespace and /proc (so neither it nor the commands its Bash runs can
// read the server's environment through /proc), writable only in the session's folder and the tenant's
// Claude Code home, and no other tenant's DATA_DIR in sight. Either way it dies with the server: a
// server killed mid-turn leaves no agent streaming on (and spending) on its own.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { SpawnedProcess, SpawnOptions } from '@anthropic-ai/claude-agent-sdk';
import { sandboxArgs } from '../../../workspace/sandbox';

/** util-linux's setpriv: without a sandbox it asks the kernel to kill the agent when the server dies. */
const SETPRIV = '/usr/bin/setpriv';

export interface AgentPlace {
	/** The session's folder. */
	root: string;
	/** The tenant's Claude Code home (agentHome). */
	home: string;
	/** A bubblewrap that works here; the process runs unsandboxed without one. */
	bwrap: string | undefined;
	stderr: (data: string) => void;
}

export function agentCommand(place: AgentPlace, command: string, args: string[], cwd: string): { file: string; args: string[] } {
	if (place.bwrap) {
		const binary = realpathSync(command);
		const mounts = { writable: [place.root, place.home], readable: [path.dirname(binary)], chdir: cwd };
		return { file: place.bwrap, args: [...sandboxArgs(mounts), '--', binary, ...args] };
	}
	if (existsSync(SETPRIV)) return { file: SETPRIV, args: ['--pdeathsig', 'KILL', '--', command, ...args] };
	return { file: command, args };
}

/** The SDK's `spawnClaudeCodeProcess` for one turn. */
export function agentSpawner(place: AgentPlace) {
	return ({ command, args, cwd, env, signal }: SpawnOptions): SpawnedProcess => {
		const run = agentCommand(place, command, args, cwd ?? place.root);
		const child = spawn(run.file, run.args, { cwd: cwd ?? place.root, env, signal, stdio: ['pipe', 'pipe', 'pipe'] });
		child.stderr.setEncoding('utf8').on('data', place.stderr);
		return child;
	};
}
