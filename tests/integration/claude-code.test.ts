// The Claude Code engine end to end: the real `claude` binary (the Agent SDK's optional dependency)
// against the fake Anthropic server, in a real server with y-websocket devices. Each Claude Code turn
// costs seconds of process start, so one server and one session carry the whole story in order.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { sessionChanges } from '../../src/lib/core/changes';
import { newId } from '../../src/lib/core/ids';
import { requestStop, turnOutcome } from '../../src/lib/core/turns';
import { putImage, sha256Hex } from '../../src/lib/core/images';
import { appendMessage, listMessages, readAgentInfo } from '../../src/lib/core/ydoc';
import { claudeCodeTools } from '../../sync-server/src/demo/claude-code-tools';
import type { FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply, toolUse, type ScriptedReply } from '../../sync-server/src/demo/script';
import type { RunningServer } from '../../sync-server/src/server';
import type { Device } from '../helpers/yclient';
import { KEY, startClaudeServer, TOKEN, type ClaudeServer } from './claude-harness';
import { memoryLog, prompt, until } from './runner-harness';

let claude: ClaudeServer;
let fake: FakeAnthropic;
let server: RunningServer;
let dataDir: string;
const { log, lines } = memoryLog();
let a: Device;
let b: Device;
const sessionId = newId();
const folder = () => claude.folderOf(sessionId);
const messages = (device: Device) => listMessages(device.doc, sessionId);
const done = (device: Device, id: string, what: string) =>
	until(device.doc, () => messages(device).find((m) => m.id === id && m.state === 'done'), what, 60_000);
/** The text of the last tool_result block Claude Code sent back. */
const lastToolResult = (body: unknown) => JSON.stringify((body as { messages: unknown[] }).messages.at(-1));

beforeAll(async () => {
	claude = await startClaudeServer({ name: 'claude-code', log });
	({ server, dataDir } = claude);
	fake = claude.fake!;
	await claude.addSession({ id: sessionId });
	[a, b] = await Promise.all([claude.connect(sessionId), claude.connect(sessionId)]);
}, 60_000);

afterAll(() => claude?.close());

describe('Claude Code engine', () => {
	it('streams a reply into the document that a second device sees grow, and keeps Claude Code’s session id', async () => {
		const text = 'Claude Code is answering. '.repeat(40);
		fake.script(textReply(text, { chunkChars: 8, delayMs: 2 }));
		const lengths = new Set<number>();
		b.doc.on('update', () => lengths.add(messages(b).find((m) => m.kind === 'assistant')?.text.length ?? 0));
		const id = prompt(a.doc, 'Say something');
		await done(b, id, 'first turn done');
		const reply = messages(b).find((m) => m.kind === 'assistant' && m.meta.replyTo === id)!;
		expect(reply).toMatchObject({ text, state: 'done', meta: { stopReason: 'end_turn' } });
		expect(reply.meta.usage?.outputTokens).toBeGreaterThan(0);
		expect(lengths.size).toBeGreaterThan(2);
		const agent = readAgentInfo(b.doc);
		expect(agent.sessionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(agent.tools).toContain('Write');
		expect(agent.tools).not.toContain('Bash');
		const request = fake.requests.find((r) => !r.rejected)!;
		expect(request.headers['user-agent']).toMatch(/^claude-cli\//);
		expect(request.headers['x-claude-code-session-id']).toBe(agent.sessionId);
		expect(JSON.stringify(request.body)).toContain(`Primary working directory: ${folder()}`);
	}, 90_000);

	it('a Write waits for approval, is approved on another device, and the file and its diff exist; a denial reaches Claude with its reason; the conversation resumes', async () => {
		const sessionBefore = readAgentInfo(a.doc).sessionId;
		const seen = fake.requests.length;
		fake.script(
			toolUse(claudeCodeTools.write(path.join(folder(), 'hello.txt'), 'hello\n', 'toolu_write')),
			toolUse(claudeCodeTools.edit(path.join(folder(), 'hello.txt'), 'hello', 'goodbye', 'toolu_edit')),
			textReply('All done.')
		);
		const id = prompt(a.doc, 'Write hello, then change it');
		await until(b.doc, () => pendingApprovals(messages(b)).find((m) => m.meta.toolUseId === 'toolu_write'), 'write waits', 60_000);
		expect(answerApproval(b.doc, 'toolu_write', 'approve', 'Phone').ok).toBe(true);
		await until(a.doc, () => pendingApprovals(messages(a)).find((m) => m.meta.toolUseId === 'toolu_edit'), 'edit waits', 60_000);
		answerApproval(a.doc, 'toolu_edit', 'deny', 'Desktop', Date.now(), { message: 'keep the greeting' });
		await done(a, id, 'second turn done');

		expect(await readFile(path.join(folder(), 'hello.txt'), 'utf8')).toBe('hello\n');
		const all = messages(a);
		expect(all.find((m) => m.kind === 'tool_call' && m.meta.toolUseId === 'toolu_write')?.meta.approval).toMatchObject({ state: 'approved', by: 'Phone' });
		expect(sessionChanges(all)).toEqual([expect.objectContaining({ path: 'hello.txt', created: true, added: 1 })]);
		const afterDeny = fake.requests.slice(seen).filter((r) => !r.rejected).at(-1)!;
		expect(lastToolResult(afterDeny.body)).toContain('keep the greeting');
		// The same Claude Code conversation: its session id, and the first turn in what it sends.
		expect(afterDeny.headers['x-claude-code-session-id']).toBe(sessionBefore);
		expect(JSON.stringify(afterDeny.body)).toContain('Say something');
	}, 120_000);

	it('Stop from another device interrupts Claude Code, and the turn offers Retry', async () => {
		const seen = fake.requests.length;
		fake.script({ type: 'message', content: [{ type: 'text', text: 'This reply never ends. '.repeat(200) }], chunkChars: 4, delayMs: 50 });
		const id = prompt(a.doc, 'Talk for a long time');
		await until(b.doc, () => messages(b).find((m) => m.kind === 'assistant' && m.meta.replyTo === id && m.text.length > 0), 'reply streaming', 60_000);
		requestStop(b.doc, id);
		await done(a, id, 'stopped turn done');
		const all = messages(a);
		expect(turnOutcome(all, all.find((m) => m.id === id)!)).toBe('interrupted');
		expect(all.some((m) => m.state === 'streaming')).toBe(false);
		expect(await fake.requests[seen].ended).toBe('client-closed');
		// One reply, cut where it stopped: its partial text kept, no empty row beside it (as on the Messages API).
		const replies = all.filter((m) => m.kind === 'assistant' && m.meta.replyTo === id);
		expect(replies.map((m) => [m.state, m.meta.stopped])).toEqual([['interrupted', true]]);
		const cut = replies[0];
		expect(cut.text.length).toBeGreaterThan(0);
		expect('This reply never ends. '.repeat(200).startsWith(cut.text)).toBe(true);
		// The output count is what streamed, not message_start's placeholder.
		expect(cut.meta.usage).toMatchObject({ outputTokens: Math.ceil(cut.text.length / 4), outputEstimated: true });
	}, 120_000);

	it('an @ mention inside the folder reaches Claude as the file; one outside is refused with a reason and nothing is sent', async () => {
		const other = path.join(dataDir, 'workspaces', 'beta', 'their-session');
		await mkdir(other, { recursive: true });
		await writeFile(path.join(other, 'secret.txt'), 'BETA_SECRET');
		await mkdir(folder(), { recursive: true });
		await writeFile(path.join(folder(), 'notes.txt'), 'ALPHA_NOTES');
		const seen = fake.requests.length;
		const refused = prompt(a.doc, `Compare @notes.txt with @${path.join(other, 'secret.txt')}`);
		await done(b, refused, 'refused prompt done');
		const error = messages(b).find((m) => m.kind === 'error' && m.meta.replyTo === refused);
		expect(error?.meta.error).toMatchObject({ reason: 'mention-refused', retryable: false });
		expect(error?.text).toContain('secret.txt is outside this session');
		expect(fake.requests.length).toBe(seen);

		fake.script(textReply('Read it.'));
		const allowed = prompt(a.doc, 'Summarise @notes.txt');
		await done(b, allowed, 'mention turn done');
		const sent = fake.requests.slice(seen).filter((r) => !r.rejected);
		expect(sent.some((r) => JSON.stringify(r.body).includes('ALPHA_NOTES'))).toBe(true);
		expect(sent.some((r) => JSON.stringify(r.body).includes('BETA_SECRET'))).toBe(false);
	}, 120_000);

	it('a prompt’s image reaches Claude as an image block, before its text', async () => {
		const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
		const hash = await sha256Hex(png);
		const seen = fake.requests.length;
		fake.script(textReply('A single pixel.'));
		const id = newId();
		a.doc.transact(() => {
			putImage(a.doc, hash, new Uint8Array(png));
			appendMessage(a.doc, { id, kind: 'user', text: 'What is in this picture?', state: 'queued', createdAt: Date.now(), meta: { images: [{ hash, type: 'image/png', size: png.length, name: 'pixel.png' }] } });
		});
		await done(a, id, 'image turn done');
		const request = fake.requests.slice(seen).find((r) => !r.rejected && JSON.stringify(r.body).includes('What is in this picture?'))!;
		type Block = { type: string; text?: string; source?: unknown };
		const user = (request.body as { messages: Array<{ role: string; content: string | Block[] }> }).messages.find(
			(m) => m.role === 'user' && Array.isArray(m.content) && m.content.some((b) => b.type === 'image')
		)!;
		const [image, text] = user.content as Block[];
		expect(image).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } });
		expect(text).toMatchObject({ type: 'text', text: expect.stringContaining('What is in this picture?') });
	}, 120_000);

	it('a prompt whose image has not reached the server fails with what to do, and starts no Claude Code', async () => {
		const seen = fake.requests.length;
		const id = newId();
		appendMessage(a.doc, { id, kind: 'user', text: 'And this one?', state: 'queued', createdAt: Date.now(), meta: { images: [{ hash: 'f'.repeat(64), type: 'image/png', size: 10 }] } });
		await done(a, id, 'missing image turn done');
		const all = messages(a);
		expect(turnOutcome(all, all.find((m) => m.id === id)!)).toBe('error');
		expect(all.find((m) => m.kind === 'error' && m.meta.replyTo === id)?.text).toMatch(/has not reached the server yet/);
		expect(fake.requests.length).toBe(seen);
	}, 60_000);

	it('a rewind restores what Claude Code’s Write and Edit changed, and its undo brings the edit back', async () => {
		const file = path.join(folder(), 'rewind.txt');
		const run = async (text: string, toolUseId: string) => {
			const id = prompt(a.doc, text);
			await until(a.doc, () => pendingApprovals(messages(a)).find((m) => m.meta.toolUseId === toolUseId), `${toolUseId} waits`, 60_000);
			answerApproval(a.doc, toolUseId, 'approve', 'Desktop');
			await done(a, id, `${text} done`);
			return id;
		};
		const post = (url: string, body?: unknown) =>
			fetch(`${server.origin}/api/sessions/${sessionId}${url}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		fake.script(toolUse(claudeCodeTools.write(file, 'first\n', 'toolu_rw1')), textReply('Written.'));
		await run('Write rewind.txt', 'toolu_rw1');
		fake.script(toolUse(claudeCodeTools.edit(file, 'first', 'second', 'toolu_rw2')), textReply('Edited.'));
		const second = await run('Change rewind.txt', 'toolu_rw2');
		expect(await readFile(file, 'utf8')).toBe('second\n');

		const rewound = await post('/rewind', { messageId: second });
		const { rewind } = (await rewound.json()) as { rewind: { id: string; files: string[] } };
		expect(rewind.files).toEqual(['rewind.txt']);
		expect(await readFile(file, 'utf8')).toBe('first\n');
		const note = await until(b.doc, () => messages(b).find((m) => m.meta.rewind?.id === rewind.id), 'rewind seen on the other device');
		expect(note.text).toMatch(/^Files rewound to before: Change rewind\.txt/);
		expect((await post(`/rewind/${rewind.id}/undo`)).status).toBe(200);
		expect(await readFile(file, 'utf8')).toBe('second\n');
	}, 120_000);

	it('an upstream error that echoes the key reaches the session and the log without it', async () => {
		// A gateway in ANTHROPIC_BASE_URL that echoes the request's headers in its error body (Claude Code
		// retries a 400 a few times, then writes its own "API Error: 400 …" reply and fails the turn). Replies it
		// does not use stay queued: this is the story's last turn.
		const echoed = JSON.stringify({ authorization: `Bearer ${KEY}`, 'x-gateway-token': 'Bearer gw-7f3a9c1e5b' });
		fake.script(...Array<ScriptedReply>(12).fill({ type: 'error', status: 400, message: `echo ${echoed}` }));
		const id = prompt(a.doc, 'Fail through the gateway');
		await done(a, id, 'failed prompt done');
		const turn = messages(a).filter((m) => m.meta.replyTo === id);
		const error = turn.find((m) => m.kind === 'error');
		expect(error?.meta.error).toMatchObject({ reason: 'request-invalid', status: 400 });
		expect(error?.text).toContain('echo {"authorization":"[redacted]"');
		const logged = JSON.stringify(lines.find((l) => l.logId === error?.meta.logId));
		expect(logged).toContain('[redacted]');
		for (const secret of [KEY, 'gw-7f3a9c1e5b']) {
			expect(JSON.stringify(turn)).not.toContain(secret);
			expect(logged).not.toContain(secret);
		}
	}, 60_000);
});
