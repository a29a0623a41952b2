// Claude's workspace tools through the runner, against the fake Anthropic server and real folders:
// files change on disk, each change is recorded in the session, modes that need no person, caps.
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionChanges } from '../../src/lib/core/changes';
import type { Message } from '../../src/lib/core/model';
import { turnOutcome } from '../../src/lib/core/turns';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { MAX_TOOL_OUTPUT_CHARS } from '../../sync-server/src/runner/tool-result';
import { prompt, until } from './runner-harness';
import { toolsHarness, type ToolsHarness } from './tools-harness';

let h: ToolsHarness;
afterEach(() => h?.close());

const done = (h: ToolsHarness, id: string, doc = h.doc) =>
	until(doc, () => h.messages(doc).find((m) => m.id === id && m.state === 'done'), `prompt ${id} done`);
const results = (messages: Message[]) => messages.filter((m) => m.kind === 'tool_result');
/** The tool_result blocks Claude was sent in its n-th request. */
async function sentResults(h: ToolsHarness, n: number) {
	const body = (await h.fake.request(n)).body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
	return body.messages.at(-1)!.content.filter((b) => b.type === 'tool_result');
}

describe('tools: files change on disk and every change is recorded', () => {
	it('in accept-edits mode Claude creates, edits and reads a file without asking; a device sees the diffs', async () => {
		h = await toolsHarness({ mode: 'accept-edits' });
		const phone = h.device();
		h.fake.script(
			toolUse(
				{ id: 'toolu_w', name: 'write', input: { path: 'src/greet.ts', content: 'export const greet = (n: string) => `Hello ${n}`;\n' } },
				{ id: 'toolu_e', name: 'edit', input: { path: 'src/greet.ts', old_string: 'Hello', new_string: 'Hi' } }
			),
			toolUse({ id: 'toolu_r', name: 'read', input: { path: 'src/greet.ts' } }),
			textReply('Greeting shortened.')
		);
		const id = prompt(phone, 'Write a greeter, then make it shorter');
		await done(h, id, phone);

		expect(await h.file('src/greet.ts')).toBe('export const greet = (n: string) => `Hi ${n}`;\n');
		const messages = h.messages(phone);
		expect(turnOutcome(messages, messages.find((m) => m.id === id)!)).toBe('done');
		expect(messages.filter((m) => m.kind === 'tool_call').map((m) => [m.meta.toolName, m.meta.toolInput, m.meta.approval])).toEqual([
			['write', { path: 'src/greet.ts', content: 'export const greet = (n: string) => `Hello ${n}`;\n' }, undefined],
			['edit', { path: 'src/greet.ts', old_string: 'Hello', new_string: 'Hi' }, undefined],
			['read', { path: 'src/greet.ts' }, undefined]
		]);
		expect(results(messages).map((m) => [m.meta.toolUseId, m.meta.isError, m.text])).toEqual([
			['toolu_w', false, 'Created src/greet.ts (1 lines).'],
			['toolu_e', false, 'Updated src/greet.ts (1 lines).'],
			['toolu_r', false, '     1\texport const greet = (n: string) => `Hi ${n}`;']
		]);
		expect(results(messages)[1].meta.changes).toEqual([
			expect.objectContaining({
				path: 'src/greet.ts',
				before: 'export const greet = (n: string) => `Hello ${n}`;\n',
				after: 'export const greet = (n: string) => `Hi ${n}`;\n',
				patch: expect.stringContaining('-export const greet = (n: string) => `Hello ${n}`;\n+export const greet = (n: string) => `Hi ${n}`;')
			})
		]);
		const [file] = sessionChanges(messages);
		// The file counts from nothing to its last text (one new line); each call keeps its own counts.
		expect(file).toMatchObject({ path: 'src/greet.ts', created: true, added: 1, removed: 0 });
		expect(file.edits.map((e) => [e.toolUseId, e.added, e.removed])).toEqual([
			['toolu_w', 1, 0],
			['toolu_e', 1, 1]
		]);

		expect(await sentResults(h, 2)).toEqual([
			{ type: 'tool_result', tool_use_id: 'toolu_w', is_error: false, content: 'Created src/greet.ts (1 lines).' },
			{ type: 'tool_result', tool_use_id: 'toolu_e', is_error: false, content: 'Updated src/greet.ts (1 lines).' }
		]);
		const offered = ((await h.fake.request(1)).body as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
		expect(offered).toEqual(['list', 'glob', 'read', 'search', 'write', 'edit']);
	});

	it('in read-only mode writes and commands are refused without asking, reads run, nothing changes on disk', async () => {
		h = await toolsHarness({ mode: 'read-only', shell: true });
		await mkdir(h.root, { recursive: true });
		await writeFile(path.join(h.root, 'notes.txt'), 'keep me\n');
		h.fake.script(
			toolUse(
				{ id: 'toolu_w', name: 'write', input: { path: 'notes.txt', content: 'gone\n' } },
				{ id: 'toolu_b', name: 'bash', input: { command: 'rm notes.txt' } },
				{ id: 'toolu_r', name: 'read', input: { path: 'notes.txt' } }
			),
			textReply('I can only look in this session.')
		);
		const id = prompt(h.doc, 'Replace the notes');
		await done(h, id);

		expect(await h.file('notes.txt')).toBe('keep me\n');
		const messages = h.messages();
		expect(messages.some((m) => m.meta.approval)).toBe(false);
		expect(h.awaitingApproval()).toBeUndefined();
		expect(results(messages).map((m) => [m.meta.toolUseId, m.meta.isError, m.meta.changes])).toEqual([
			['toolu_w', true, undefined],
			['toolu_b', true, undefined],
			['toolu_r', false, undefined]
		]);
		expect(results(messages)[0].text).toBe('This session is read-only, so write notes.txt was not run. The person can allow changes in the session\'s settings.');
		expect(results(messages)[1].text).toContain('bash: rm notes.txt was not run');
		const sent = await sentResults(h, 2);
		expect(sent.map((b) => [b.tool_use_id, b.is_error])).toEqual([
			['toolu_w', true],
			['toolu_b', true],
			['toolu_r', false]
		]);
		expect(sessionChanges(messages)).toEqual([]);
	});

	it('works in the session’s own folder when it lies inside WORKSPACE_ROOTS, and refuses one outside', async () => {
		const allowed = await realpath(await mkdtemp(path.join(os.tmpdir(), 'tools-root-')));
		try {
			const project = path.join(allowed, 'project');
			await mkdir(project);
			h = await toolsHarness({ mode: 'accept-edits', roots: [allowed], workspace: project });
			h.fake.script(toolUse({ id: 'toolu_w', name: 'write', input: { path: 'README.md', content: '# Project\n' } }), textReply('Done.'));
			await done(h, prompt(h.doc, 'Add a readme'));
			expect(await readFile(path.join(project, 'README.md'), 'utf8')).toBe('# Project\n');
			await h.close();

			h = await toolsHarness({ mode: 'accept-edits', roots: [path.join(allowed, 'elsewhere')], workspace: project });
			h.fake.script(toolUse({ id: 'toolu_w', name: 'write', input: { path: 'OTHER.md', content: 'x' } }), textReply('It failed.'));
			await done(h, prompt(h.doc, 'Add another file'));
			expect(results(h.messages())[0]).toMatchObject({ meta: { isError: true }, text: expect.stringContaining('not inside a folder the server allows') });
			await expect(readFile(path.join(project, 'OTHER.md'))).rejects.toThrow();
		} finally {
			await rm(allowed, { recursive: true, force: true });
		}
	});

	it('refuses unknown tools, a disabled shell and invalid input without asking anyone', async () => {
		h = await toolsHarness();
		h.fake.script(
			toolUse(
				{ id: 'toolu_x', name: 'delete_everything', input: {} },
				{ id: 'toolu_b', name: 'bash', input: { command: 'ls' } },
				{ id: 'toolu_w', name: 'write', input: { path: 'a.txt' } }
			),
			textReply('Understood.')
		);
		await done(h, prompt(h.doc, 'Try things'));
		const messages = h.messages();
		expect(messages.some((m) => m.meta.approval)).toBe(false);
		expect(results(messages).map((m) => [m.meta.isError, m.text.split(' ').slice(0, 3).join(' ')])).toEqual([
			[true, 'There is no'],
			[true, 'Shell commands are'],
			[true, 'Invalid input for']
		]);
		expect(await h.file('a.txt')).toBeNull();
	});
});

describe('tools: limits', () => {
	it('stores at most 64 KB of a tool’s output and says so; Claude is sent the same text', async () => {
		h = await toolsHarness({ mode: 'accept-edits' });
		await mkdir(h.root, { recursive: true });
		await writeFile(path.join(h.root, 'big.txt'), `${'0123456789'.repeat(9)}\n`.repeat(1500));
		h.fake.script(toolUse({ id: 'toolu_r', name: 'read', input: { path: 'big.txt' } }), textReply('That is a big file.'));
		await done(h, prompt(h.doc, 'Read big.txt'));
		const [result] = results(h.messages());
		expect(result.text.length).toBeLessThanOrEqual(MAX_TOOL_OUTPUT_CHARS);
		expect(result.text.length).toBeGreaterThan(MAX_TOOL_OUTPUT_CHARS - 200);
		expect(result.text).toMatch(/more characters of output are not kept: the session stores at most 65536 characters/);
		expect((await sentResults(h, 2))[0].content).toBe(result.text);
	});

	it('stops after the most tool rounds a turn may have, with the workspace tools too', async () => {
		h = await toolsHarness({ config: { maxToolRounds: 2 } });
		const list = (id: string) => toolUse({ id, name: 'list', input: {} });
		h.fake.script(list('toolu_1'), list('toolu_2'), textReply('never asked'));
		await done(h, prompt(h.doc, 'Look around forever'));
		expect(h.fake.requests).toHaveLength(2);
		expect(results(h.messages()).map((m) => m.meta.toolUseId)).toEqual(['toolu_1']);
		expect(h.messages().find((m) => m.kind === 'system')?.text).toMatch(/used tools 2 times/);
	});
});
