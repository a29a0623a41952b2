// Snapshots of a session's folder in a private git store (DATA_DIR/checkpoints/<tenant>/<session>.git):
// its own GIT_DIR and index with the session's folder as work tree, so it works the same whether or
// not the folder is a repository, never touches the folder's own .git, and stores exact bytes (binary
// files, modes, deletions). The store's info/attributes switch off every line-ending conversion and
// filter the folder's .gitattributes might ask for; the folder's .gitignore is honoured (ignored files,
// such as node_modules, are not checkpointed), and nested repositories and worktrees are never restored.
// Git runs with an environment of our own: no user or system config, no hooks, a time limit.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GIT_TIMEOUT_MS } from '../git/client';

export interface SnapshotStore {
	/** Records the folder's files as they are now under `ref` (e.g. refs/turns/<id>/before); returns the commit. */
	snapshot(ref: string): Promise<string>;
	/** The commit `ref` names, or undefined. */
	resolve(ref: string): Promise<string | undefined>;
	/** Paths (relative, /-separated) whose content or mode differs between two commits; nested repositories left out. */
	changed(from: string, to: string): Promise<string[]>;
	/** Which of `paths` exist in `commit`. */
	present(commit: string, paths: readonly string[]): Promise<Set<string>>;
	/** Writes `paths` (already guarded by the caller) into the folder exactly as they are in `commit`. */
	checkout(commit: string, paths: readonly string[]): Promise<void>;
}

const GITLINK = '160000';
const NO_CONVERSION = '* -text -filter -ident -eol -working-tree-encoding\n';

/** `indexFile`: a work tree other than the session's own (a fork's copy) keeps its own index. */
export async function openSnapshots(gitDir: string, folder: string, indexFile = path.join(gitDir, 'index'), timeoutMs = GIT_TIMEOUT_MS): Promise<SnapshotStore> {
	const env = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		LC_ALL: 'C',
		GIT_DIR: gitDir,
		GIT_WORK_TREE: folder,
		GIT_INDEX_FILE: indexFile,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_TERMINAL_PROMPT: '0',
		GIT_LITERAL_PATHSPECS: '1',
		GIT_AUTHOR_NAME: 'session-runner',
		GIT_AUTHOR_EMAIL: 'checkpoints@session-runner.invalid',
		GIT_COMMITTER_NAME: 'session-runner',
		GIT_COMMITTER_EMAIL: 'checkpoints@session-runner.invalid'
	};
	const git = (args: string[], input?: string, withEnv: Record<string, string> = env) =>
		new Promise<string>((resolve, reject) => {
			const child = execFile(
				'git',
				['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'core.autocrlf=false', '-c', 'core.symlinks=true', '-c', 'gc.auto=0', ...args],
				{ cwd: folder, env: withEnv, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`git ${args[0]} failed: ${stderr.trim() || error.message}`)) : resolve(stdout))
			);
			if (input !== undefined) child.stdin?.end(input);
		});
	const lines = (out: string) => out.split('\0').filter((p) => p.length > 0);

	await mkdir(path.dirname(gitDir), { recursive: true });
	const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, ...initEnv } = env;
	await git(['init', '--quiet', '--bare', gitDir], undefined, initEnv);
	await mkdir(path.join(gitDir, 'info'), { recursive: true });
	await writeFile(path.join(gitDir, 'info', 'attributes'), NO_CONVERSION);

	return {
		async snapshot(ref) {
			// A nested repository without a commit cannot be recorded (one with commits is, as a link); the rest still is.
			await git(['add', '--all', '--ignore-errors', '--', '.']).catch((error: Error) => {
				const other = error.message.split('\n').filter((l) => /^(error|fatal):/.test(l.replace(/^git add failed: /, '')) && !/does not have a commit checked out|adding files failed/.test(l));
				if (other.length > 0) throw error;
			});
			const tree = (await git(['write-tree'])).trim();
			const commit = (await git(['commit-tree', tree, '-m', ref])).trim();
			await git(['update-ref', ref, commit]);
			return commit;
		},
		async resolve(ref) {
			const out = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
			return out.trim() || undefined;
		},
		async changed(from, to) {
			// Raw entries, ":<old mode> <new mode> <old> <new> <status>" then the path: nested repositories and
			// worktrees (mode 160000) are left out, so a rewind never touches them.
			const fields = lines(await git(['diff-tree', '-r', '-z', '--no-renames', from, to]));
			const paths: string[] = [];
			for (let i = 0; i + 1 < fields.length; i += 2) {
				const [oldMode, newMode] = fields[i].slice(1).split(' ');
				if (oldMode !== GITLINK && newMode !== GITLINK) paths.push(fields[i + 1]);
			}
			return paths;
		},
		async present(commit, paths) {
			const wanted = new Set(paths);
			return new Set(lines(await git(['ls-tree', '-r', '-z', '--name-only', commit])).filter((p) => wanted.has(p)));
		},
		async checkout(commit, paths) {
			if (paths.length > 0) await git(['checkout', '--force', commit, '--pathspec-from-file=-', '--pathspec-file-nul'], paths.join('\0'));
		}
	};
}
