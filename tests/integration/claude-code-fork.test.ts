// "Fork from here" on the real `claude` binary against the fake: a fork from the second prompt of a
// Claude Code session continues the agent's conversation as it stood after the first turn only, as a
// new Claude Code session working in its own copy of the original's folder, while the original goes on untouched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forkSession, writeFork } from '../../src/lib/core/fork';
import { listMessages, readAgentInfo } from '../../src/lib/core/ydoc';
import type { RecordedRequest } from '../../sync-server/src/demo/fake-anthropic';
import { textReply } from '../../sync-server/src/demo/script';
import type { Device } from '../helpers/yclient';
import { startClaudeServer, type ClaudeServer } from './claude-harness';
import { prompt, until } from './runner-harness';

let claude: ClaudeServer;

/** Runs a prompt and resolves with the request Claude Code made for it (its last one). */
async function turn(device: Device, sessionId: string, text: string, reply: string): Promise<RecordedRequest> {
	claude.fake!.script(textReply(reply));
	const id = prompt(device.doc, text);
	await until(device.doc, () => listMessages(device.doc, sessionId).find((m) => m.id === id && m.state === 'done'), `"${text}" done`, 60_000);
	return claude.fake!.requests.filter((r) => !r.rejected).at(-1)!;
}
const sent = (request: RecordedRequest) => JSON.stringify((request.body as { messages: unknown }).messages);

beforeAll(async () => {
	claude = await startClaudeServer({ name: 'claude-fork' });
}, 60_000);

afterAll(() => claude?.close());

it('a fork from the second prompt resumes Claude Code after the first turn only, in its own folder', async () => {
	const source = await claude.addSession({ title: 'Dates' });
	const a = await claude.connect(source.id);
	await turn(a, source.id, 'Which dates are there?', 'Two dates, in the report.');
	const second = await turn(a, source.id, 'Format them as ISO', 'Formatted both as ISO.');
	expect(sent(second)).toContain('Two dates, in the report.');
	const original = readAgentInfo(a.doc).sessionId!;

	const messages = listMessages(a.doc, source.id);
	const from = messages.find((m) => m.kind === 'user' && m.text === 'Format them as ISO')!;
	const made = forkSession(source, messages, readAgentInfo(a.doc), from.id, Date.now());
	if (!made.ok) throw new Error(made.error);
	const { fork } = made;
	expect(fork.agent).toMatchObject({ sessionId: original, at: expect.stringMatching(/^[0-9a-f-]{36}$/) });
	const b = await claude.connect(fork.session.id);
	writeFork(b.doc, fork, []);
	await claude.addSession(fork.session);

	const forked = await turn(b, fork.session.id, 'Format them as RFC 2822', 'Formatted both as RFC 2822.');
	// The agent's conversation holds the first turn and the new prompt, not the second turn.
	expect(sent(forked)).toContain('Which dates are there?');
	expect(sent(forked)).toContain('Two dates, in the report.');
	expect(sent(forked)).toContain('Format them as RFC 2822');
	expect(sent(forked)).not.toContain('Format them as ISO');
	expect(sent(forked)).not.toContain('Formatted both as ISO.');
	// A Claude Code session of its own, in a folder of its own (a copy of the original's as it was before the prompt).
	const own = readAgentInfo(b.doc).sessionId;
	expect(own).toMatch(/^[0-9a-f-]{36}$/);
	expect(own).not.toBe(original);
	expect(forked.headers['x-claude-code-session-id']).toBe(own);
	expect(JSON.stringify(forked.body)).toContain(`Primary working directory: ${claude.folderOf(fork.session.id)}`);

	// The original goes on from where it was, second turn included.
	const next = await turn(a, source.id, 'And the times?', 'Times too.');
	expect(sent(next)).toContain('Formatted both as ISO.');
	expect(sent(next)).not.toContain('RFC 2822');
	expect(next.headers['x-claude-code-session-id']).toBe(original);
}, 180_000);
