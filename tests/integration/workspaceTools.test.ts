// The tool loop as the runner will drive it: resolve the session's folder, decide by mode, run, record the changes.
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, FileChangeSchema, type PermissionMode } from '../../src/lib/core/tools';
import { resolveWorkspace } from '../../sync-server/src/workspace/resolve';
import { createWorkspaceTools } from '../../sync-server/src/workspace/tools/index';

let dataDir: string;
beforeEach(async () => {
	dataDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ws-flow-')));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

type Call = { name: string; input: unknown };

/** What the runner does per tool_use block; `approve` stands in for the person answering an `ask`. */
async function runCalls(mode: PermissionMode, calls: Call[], approve: (call: Call) => boolean) {
	const workspace = await resolveWorkspace({ dataDir, roots: [] }, 'alice', 'sess-1');
	if (!workspace.ok) throw new Error(workspace.message);
	const tools = createWorkspaceTools({ shell: { bwrap: '/usr/bin/bwrap' } });
	const ctx = { root: workspace.root, signal: new AbortController().signal };
	const log: { name: string; outcome: string; content?: string }[] = [];
	const changes = [];
	for (const call of calls) {
		const permission = tools.tools.get(call.name as never)?.permission ?? 'read';
		const decision = decide(mode, permission);
		if (decision === 'deny' || (decision === 'ask' && !approve(call))) {
			log.push({ name: call.name, outcome: decision === 'deny' ? 'denied' : 'declined' });
			continue;
		}
		const result = await tools.run(call.name, call.input, ctx);
		log.push({ name: call.name, outcome: result.ok ? 'ok' : result.reason, content: result.ok ? result.content : result.message });
		if (result.ok) changes.push(...(result.changes ?? []));
	}
	return { root: workspace.root, log, changes };
}

const SESSION: Call[] = [
	{ name: 'write', input: { path: 'src/greet.ts', content: 'export const greet = (n: string) => `Hello ${n}`;\n' } },
	{ name: 'edit', input: { path: 'src/greet.ts', old_string: 'Hello', new_string: 'Hi' } },
	{ name: 'read', input: { path: 'src/greet.ts' } },
	{ name: 'search', input: { pattern: 'Hi \\$' } },
	{ name: 'bash', input: { command: 'ls src' } }
];

describe('a session’s tool calls', () => {
	it('in accept-edits mode: writes run, the command waits for approval, changes are recorded as diffs', async () => {
		const asked: string[] = [];
		const { root, log, changes } = await runCalls('accept-edits', SESSION, (call) => {
			asked.push(call.name);
			return true;
		});
		expect(root).toBe(path.join(dataDir, 'workspaces', 'alice', 'sess-1'));
		expect(asked).toEqual(['bash']);
		expect(log.map((l) => [l.name, l.outcome])).toEqual([
			['write', 'ok'],
			['edit', 'ok'],
			['read', 'ok'],
			['search', 'ok'],
			['bash', 'ok']
		]);
		expect(log[2].content).toBe('     1\texport const greet = (n: string) => `Hi ${n}`;');
		expect(log[3].content).toBe('src/greet.ts:1: export const greet = (n: string) => `Hi ${n}`;');
		expect(log[4].content).toBe('greet.ts\n[exit code 0]');
		expect(changes.map((c) => FileChangeSchema.parse(c).path)).toEqual(['src/greet.ts', 'src/greet.ts']);
		expect(changes[1].patch).toContain('-export const greet = (n: string) => `Hello ${n}`;');
		expect(await readFile(path.join(root, 'src/greet.ts'), 'utf8')).toContain('Hi ${n}');
	});

	it('in read-only mode: reads run, writes and commands are denied and nothing changes on disk', async () => {
		const { root, log, changes } = await runCalls('read-only', SESSION, () => true);
		expect(log.map((l) => [l.name, l.outcome])).toEqual([
			['write', 'denied'],
			['edit', 'denied'],
			['read', 'not-found'],
			['search', 'ok'],
			['bash', 'denied']
		]);
		expect(changes).toEqual([]);
		await expect(readFile(path.join(root, 'src/greet.ts'))).rejects.toThrow();
	});

	it('in ask mode: a declined write does not happen', async () => {
		const { log } = await runCalls('ask', SESSION.slice(0, 3), (call) => call.name !== 'write');
		expect(log.map((l) => [l.name, l.outcome])).toEqual([
			['write', 'declined'],
			['edit', 'not-found'],
			['read', 'not-found']
		]);
	});
});
