// With WORKSPACE_SHELL=1 Claude Code runs inside bubblewrap: its Bash, approved from a device, prints its
// environment and the environment of its parent as /proc shows it, and lists DATA_DIR. None of the
// server's environment (tokens, a made-up secret, anything else it was started with) nor another tenant's
// folders may show in what the command sends back to the model; only what the agent is given does.
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { claudeCodeTools } from '../../sync-server/src/demo/claude-code-tools';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { killGroup, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server-process';
import { connectDevice, synced, type Device } from '../helpers/yclient';
import { prompt, until } from './runner-harness';

const KEY = 'sk-ant-secrets-test';
const TOKEN = 'alpha-token-0123456789';
const OTHER_TOKEN = 'othertenant-token-9876543210';
const SECRET = 'made-up-secret-5f0c2b';
/** What the agent is handed (env.ts) and its shell sets, whatever the server's value. */
const GIVEN = ['PATH', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'SHELL', 'SHLVL'];
const syncUrl = (s: ServerProcess) => `${s.origin.replace(/^http/, 'ws')}/sync`;

let fake: FakeAnthropic;
let server: ServerProcess | undefined;
const devices: Device[] = [];

afterAll(async () => {
	devices.forEach((d) => d.destroy());
	if (server) {
		killGroup(server);
		await server.kill('SIGKILL');
	}
	await fake?.close();
});

async function device(name: string): Promise<Device> {
	const d = connectDevice(syncUrl(server!), name, TOKEN);
	devices.push(d);
	await synced(d.provider);
	return d;
}

/** The server's own environment as the kernel keeps it (what /proc would give away). */
async function environOf(pid: number): Promise<string[]> {
	return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').filter(Boolean);
}

describe('the environment of Claude Code', () => {
	it('holds none of the server’s secrets nor another tenant’s folders, even read through /proc by its Bash', async () => {
		fake = await startFakeAnthropic({ apiKey: KEY });
		const dataDir = tempDataDir('cc-secrets-');
		await mkdir(path.join(dataDir, 'workspaces', 'othertenant', 'their-session'), { recursive: true });
		await mkdir(path.join(dataDir, 'claude', 'othertenant'), { recursive: true });
		server = await spawnServer({
			dataDir,
			group: true,
			env: { AUTH_TOKENS: `alpha:${TOKEN},othertenant:${OTHER_TOKEN}`, SECRET_X: SECRET, WORKSPACE_SHELL: '1', ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url }
		});
		const sessionId = newId();
		const index = await device(INDEX_DOC);
		putSession(index.doc, { id: sessionId, title: 'Secrets', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code' });
		const a = await device(sessionDocName(sessionId));
		const messages = () => listMessages(a.doc, sessionId);

		// Every process's environment it can read is searched, not printed: a full dump is too long for a tool result.
		const command = [
			'env',
			"cat /proc/$PPID/environ | tr '\\0' '\\n'",
			`ls ${dataDir}/workspaces ${dataDir}/claude`,
			"cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -E '^(AUTH_TOKENS|SECRET_X|DATABASE_URL)=' | sort -u"
		].join('; echo ---; ');
		fake.script(toolUse(claudeCodeTools.bash(command, 'Show the environment', 'toolu_env')), textReply('Seen.'));
		const id = prompt(a.doc, 'What is in your environment?');
		await until(a.doc, () => pendingApprovals(messages()).find((m) => m.meta.toolUseId === 'toolu_env'), 'bash waits for approval', 60_000);
		expect(answerApproval(a.doc, 'toolu_env', 'approve', 'Desktop').ok).toBe(true);
		await until(a.doc, () => messages().find((m) => m.id === id && m.state === 'done'), 'turn done', 60_000);

		const sent = fake.requests.find((r) => !r.rejected && JSON.stringify(r.body).includes('toolu_env') && JSON.stringify((r.body as { messages: unknown[] }).messages.at(-1)).includes('tool_result'));
		const output = JSON.stringify((sent!.body as { messages: unknown[] }).messages.at(-1));
		expect(output).toContain('CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1');
		expect(output).toContain(`ANTHROPIC_BASE_URL=${fake.url}`);
		for (const secret of [TOKEN, OTHER_TOKEN, SECRET, 'othertenant', 'AUTH_TOKENS', 'SECRET_X']) expect(output).not.toContain(secret);
		// Nothing else the server was started with either, but what the agent is given on purpose (and its shell sets).
		const lines = new Set(JSON.parse(`"${/"content":"((?:[^"\\]|\\.)*)"/.exec(output)?.[1] ?? ''}"`).split('\n'));
		// The parse found the command's output (else every line below would pass unchecked).
		expect(lines.has('CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1')).toBe(true);
		const leaked = (await environOf(server.child.pid!)).filter((line) => lines.has(line) && !GIVEN.includes(line.split('=')[0]));
		expect(leaked).toEqual([]);
	}, 120_000);
});
