// "Draft message" in the Git panel: the staged diff goes to Claude (the fake Anthropic server here, through
// the real SDK) and its answer comes back as the message; nothing is committed. Without anything staged,
// or when Claude fails, the person is told why.
import Anthropic from '@anthropic-ai/sdk';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply } from '../../sync-server/src/demo/script';
import { claudeDrafter, demoDrafter, DRAFT_SYSTEM, type Drafter } from '../../sync-server/src/git/draft';
import { repoPolicy } from '../../sync-server/src/git/repo';
import { gitRoutes } from '../../sync-server/src/git/routes';
import { makeWorkspace, type TestWorkspace } from '../../sync-server/src/workspace/testing';

const KEY = 'sk-ant-draft';
let ws: TestWorkspace;
let fake: FakeAnthropic;

const git = (...args: string[]) =>
	execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: ws.root, encoding: 'utf8' });

function draftRoute(drafter: Drafter) {
	const app = new Hono();
	app.route(
		'/api/sessions/:id/git',
		gitRoutes({ getTenant: () => 'alice', workspaceRoot: async () => ws.root, policy: repoPolicy({ dataDir: path.join(ws.outside, 'data'), roots: [ws.root] }, false), drafter })
	);
	return () => app.request('/api/sessions/sess-1/git/draft-message', { method: 'POST' });
}

beforeEach(async () => {
	ws = await makeWorkspace();
	fake = await startFakeAnthropic({ apiKey: KEY });
	git('init', '-q');
	await writeFile(path.join(ws.root, 'a.txt'), 'one\n');
	git('add', '.');
	git('commit', '-q', '-m', 'first');
});
afterEach(async () => {
	await fake.close();
	await ws.cleanup();
});

describe('drafting a commit message', () => {
	it('sends the staged diff to Claude and answers with its message, committing nothing', async () => {
		await writeFile(path.join(ws.root, 'a.txt'), 'one\ntwo\n');
		await writeFile(path.join(ws.root, 'unstaged.txt'), 'not staged\n');
		git('add', 'a.txt');
		fake.script(textReply('Add the second line to a.txt'));
		const post = draftRoute(claudeDrafter(new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 }), 'claude-sonnet-5-5'));

		const response = await post();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ message: 'Add the second line to a.txt' });
		const sent = fake.requests[0].body as { system: string; messages: Array<{ content: string }> };
		expect(sent.system).toBe(DRAFT_SYSTEM);
		expect(sent.messages[0].content).toContain('+two');
		expect(sent.messages[0].content).not.toContain('unstaged.txt');
		expect(git('log', '--format=%s')).toBe('first\n');
	});

	it('asks for staged changes first, and reports a failed request', async () => {
		const post = draftRoute(claudeDrafter(new Anthropic({ apiKey: 'wrong-key', baseURL: fake.url, maxRetries: 0 }), 'claude-sonnet-5-5'));
		const empty = await post();
		expect(empty.status).toBe(409);
		expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/Stage the changes/);

		await writeFile(path.join(ws.root, 'a.txt'), 'changed\n');
		git('add', 'a.txt');
		const failed = await post();
		expect(failed.status).toBe(502);
		expect(((await failed.json()) as { error: { reason: string } }).error.reason).toBe('draft-failed');
	});

	it('has the demo model name the staged files without a key', async () => {
		await writeFile(path.join(ws.root, 'b.txt'), 'b\n');
		git('add', 'b.txt');
		const response = await draftRoute(demoDrafter)();
		expect(((await response.json()) as { message: string }).message).toMatch(/^Update b\.txt\n/);
	});
});
