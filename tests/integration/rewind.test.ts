// Checkpoints and rewind on a real server and real files: turns of the Messages API engine (scripted
// fake) change text files, a binary file, create and delete; "rewind to before" restores exact bytes,
// its undo brings the later state back, and a rewind is refused during a turn and through a folder
// replaced by a symbolic link that leads out. A fork gets its own folder with the files as they were.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { answerApproval, pendingApprovals } from '../../src/lib/core/approvals';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import type { PermissionMode } from '../../src/lib/core/tools';
import { forkSession, writeFork } from '../../src/lib/core/fork';
import { findMessage, listMessages, listSessions, patchMessage, putSession, readAgentInfo, updateSession } from '../../src/lib/core/ydoc';
import { DEFAULTS } from '../../sync-server/src/config';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply, toolUse } from '../../sync-server/src/demo/script';
import { runnerService, workspaceToolHost } from '../../sync-server/src/runner/index';
import { startServer } from '../../sync-server/src/server';
import { KEY, prompt, TENANT, until } from './runner-harness';

const TOKEN = 'rewind-token';
const OTHER_BINARY = Buffer.from([0x00, 0x01, 0x0d, 0x0a, 0xff]);
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x00, 0x42]);

let fake: FakeAnthropic;
let dataDir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let doc: Y.Doc;
let folder: string;
const sessionId = newId();
let releases: Array<() => void>;

beforeEach(async () => {
	fake = await startFakeAnthropic({ apiKey: KEY });
	dataDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'rewind-')));
	const config = { ...DEFAULTS, port: 0, dataDir, databaseUrl: undefined, authTokens: [{ tenant: TENANT, token: TOKEN }], anthropic: { apiKey: KEY, baseUrl: fake.url, model: undefined } };
	const runner = runnerService({ tools: ({ host, config }) => workspaceToolHost({ dataDir: config.dataDir, roots: [], shell: null, host }) });
	server = await startServer(config, pino({ level: 'silent' }), { services: [runner] });
	const index = await server.registry.open(TENANT, INDEX_DOC);
	putSession(index.doc, { id: sessionId, title: 'Rewind', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', permissionMode: 'accept-edits' });
	const held = await server.registry.open(TENANT, sessionDocName(sessionId));
	doc = held.doc;
	releases = [index.release, held.release];
	folder = path.join(dataDir, 'workspaces', TENANT, sessionId);
	await mkdir(folder, { recursive: true });
});

afterEach(async () => {
	for (const release of releases) release();
	await server.close();
	await fake.close();
	await rm(dataDir, { recursive: true, force: true });
});

const messages = () => listMessages(doc, sessionId);
const file = (rel: string) => readFile(path.join(folder, rel));
const exists = (rel: string) => lstat(path.join(folder, rel)).then(() => true, () => false);
const write = (p: string, content: string, id = `toolu_${newId()}`) => ({ id, name: 'write', input: { path: p, content } });

function post(url: string, body?: unknown) {
	return fetch(`${server.origin}/api/sessions/${sessionId}${url}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

async function turn(text: string): Promise<string> {
	const id = prompt(doc, text);
	await until(doc, () => messages().find((m) => m.id === id && m.state === 'done'), `turn "${text}" done`);
	return id;
}

describe('checkpoints and rewind', () => {
	it('restores the exact bytes changed by a turn and every later one, and undoes that', async () => {
		await writeFile(path.join(folder, 'logo.bin'), BINARY);
		fake.script(toolUse(write('a.txt', 'one\n')), textReply('Wrote a.'));
		await turn('Write a');
		// Turn 2 asks before its write; meanwhile a command of that turn (as Bash would) rewrites the binary file and creates a folder.
		await setMode('ask');
		fake.script(toolUse(write('a.txt', 'two\n', 'toolu_two')), textReply('Done.'));
		const second = prompt(doc, 'Change everything');
		await until(doc, () => pendingApprovals(messages())[0], 'approval asked');
		await writeFile(path.join(folder, 'logo.bin'), OTHER_BINARY);
		await mkdir(path.join(folder, 'new', 'dir'), { recursive: true });
		await writeFile(path.join(folder, 'new', 'dir', 'b.txt'), 'b\n');
		answerApproval(doc, 'toolu_two', 'approve', 'Desktop');
		await until(doc, () => messages().find((m) => m.id === second && m.state === 'done'), 'turn 2 done');
		await setMode('accept-edits');
		fake.script(toolUse(write('c.txt', 'c\n')), textReply('Wrote c.'));
		await turn('Write c');
		await writeFile(path.join(folder, 'mine.md'), 'typed by a person between turns\n');

		const rewound = await post('/rewind', { messageId: second });
		expect(rewound.status).toBe(200);
		const { rewind } = (await rewound.json()) as { rewind: { id: string; files: string[] } };
		expect(rewind.files).toEqual(['a.txt', 'c.txt', 'logo.bin', 'new/dir/b.txt']);
		expect((await file('a.txt')).toString()).toBe('one\n');
		expect(await file('logo.bin')).toEqual(BINARY);
		expect(await exists('new')).toBe(false);
		expect(await exists('c.txt')).toBe(false);
		expect((await file('mine.md')).toString()).toBe('typed by a person between turns\n');
		const note = messages().find((m) => m.kind === 'system' && m.meta.rewind);
		expect(note?.text).toBe('Files rewound to before: Change everything\nRestored: a.txt, c.txt, logo.bin, new/dir/b.txt');

		// A file the rewind restored changes again: undoing would overwrite that, so it is refused until it is put back.
		await writeFile(path.join(folder, 'a.txt'), 'edited after the rewind\n');
		const clobber = await post(`/rewind/${rewind.id}/undo`);
		expect(clobber.status).toBe(409);
		expect(((await clobber.json()) as { error: { message: string } }).error.message).toMatch(/^a\.txt changed since the rewind/);
		await writeFile(path.join(folder, 'a.txt'), 'one\n');
		// A device may write anything into the document: the undo takes its files from the checkpoints.
		patchMessage(findMessage(doc, note!.id)!, { meta: { rewind: { ...note!.meta.rewind!, files: ['..', '../../..'] } } });
		const undone = await post(`/rewind/${rewind.id}/undo`);
		expect(undone.status).toBe(200);
		expect((await file('a.txt')).toString()).toBe('two\n');
		expect(await file('logo.bin')).toEqual(OTHER_BINARY);
		expect((await file('new/dir/b.txt')).toString()).toBe('b\n');
		expect((await file('c.txt')).toString()).toBe('c\n');
		expect(((await undone.json()) as { files: string[] }).files).toEqual(rewind.files);
		expect(messages().find((m) => m.meta.rewind)?.meta.rewind?.undoneAt).toBeGreaterThan(0);
		expect(messages().at(-1)?.text).toMatch(/^Rewind undone/);
		expect((await post(`/rewind/${rewind.id}/undo`)).status).toBe(409);
	});

	it('brings back a file deleted during a turn and removes one it created', async () => {
		await writeFile(path.join(folder, 'old.txt'), 'old\r\n');
		await setMode('ask');
		fake.script(toolUse({ id: 'toolu_ask', name: 'write', input: { path: 'created.txt', content: 'new\n' } }), textReply('Done.'));
		const id = prompt(doc, 'Tidy up');
		await until(doc, () => pendingApprovals(messages())[0], 'approval asked');
		// While the turn waits, the file goes as a command of that turn would delete it, and repositories appear
		// (one without a commit, one with): a rewind leaves nested repositories alone.
		await rm(path.join(folder, 'old.txt'));
		const nested = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: path.join(folder, dir) });
		await mkdir(path.join(folder, 'empty-repo'));
		nested('empty-repo', 'init', '-q');
		await mkdir(path.join(folder, 'cloned'));
		nested('cloned', 'init', '-q');
		await writeFile(path.join(folder, 'cloned', 'lib.txt'), 'lib\n');
		nested('cloned', 'add', '.');
		nested('cloned', 'commit', '-q', '-m', 'lib');
		answerApproval(doc, 'toolu_ask', 'approve', 'Desktop');
		await until(doc, () => messages().find((m) => m.id === id && m.state === 'done'), 'turn done');
		expect(await exists('created.txt')).toBe(true);

		const rewound = await post('/rewind', { messageId: id });
		expect(((await rewound.json()) as { rewind: { files: string[] } }).rewind.files).toEqual(['created.txt', 'old.txt']);
		expect(await exists('created.txt')).toBe(false);
		expect((await file('old.txt')).toString()).toBe('old\r\n');
		expect((await file('cloned/lib.txt')).toString()).toBe('lib\n');
		expect(await exists('empty-repo/.git')).toBe(true);
	});

	it('says so for a prompt that has not run', async () => {
		const response = await post('/rewind', { messageId: newId() });
		expect(response.status).toBe(404);
	});

	it('is refused while a turn runs, and for a folder that a symbolic link now leads out of', async () => {
		fake.script(toolUse(write('d/f.txt', 'f\n')), textReply('Done.'));
		const first = await turn('Write d/f');
		await setMode('ask');
		fake.script(toolUse({ id: 'toolu_wait', name: 'write', input: { path: 'x.txt', content: 'x\n' } }), textReply('Done.'));
		const waiting = prompt(doc, 'Write x');
		await until(doc, () => pendingApprovals(messages())[0], 'approval asked');
		const refused = await post('/rewind', { messageId: first });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/turn is running/);
		answerApproval(doc, 'toolu_wait', 'deny', 'Desktop');
		await until(doc, () => messages().find((m) => m.id === waiting && m.state === 'done'), 'turn done');

		const outside = await realpath(await mkdtemp(path.join(os.tmpdir(), 'rewind-outside-')));
		await writeFile(path.join(outside, 'f.txt'), 'outside\n');
		await rm(path.join(folder, 'd'), { recursive: true });
		await symlink(outside, path.join(folder, 'd'));
		const blocked = await post('/rewind', { messageId: first });
		expect(blocked.status).toBe(403);
		expect((await readFile(path.join(outside, 'f.txt'))).toString()).toBe('outside\n');
		expect(messages().some((m) => m.meta.rewind)).toBe(false);
		await rm(outside, { recursive: true, force: true });
	});
	it('gives a fork its own folder with the files as they were before the prompt it was forked from', async () => {
		await writeFile(path.join(folder, 'logo.bin'), BINARY);
		fake.script(toolUse(write('a.txt', 'one\n')), textReply('Wrote a.'));
		await turn('Write a');
		fake.script(toolUse(write('a.txt', 'two\n'), write('b.txt', 'b\n')), textReply('Done.'));
		const second = await turn('Change a, add b');

		const index = await server.registry.open(TENANT, INDEX_DOC);
		const source = listSessions(index.doc).find((s) => s.id === sessionId)!;
		const made = forkSession(source, messages(), readAgentInfo(doc), second, Date.now());
		if (!made.ok) throw new Error(made.error);
		const forkId = made.fork.session.id;
		const forkDoc = await server.registry.open(TENANT, sessionDocName(forkId));
		writeFork(forkDoc.doc, made.fork, []);
		putSession(index.doc, made.fork.session);
		releases.push(index.release, forkDoc.release);

		// A fork of that fork, opened before the first fork has a folder, gets the same files (that folder made first).
		const again = forkSession(made.fork.session, listMessages(forkDoc.doc, forkId), {}, listMessages(forkDoc.doc, forkId)[0].id, Date.now());
		if (!again.ok) throw new Error(again.error);
		putSession(index.doc, again.fork.session);
		const twice = await fetch(`${server.origin}/api/sessions/${again.fork.session.id}/files/content?path=a.txt`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(((await twice.json()) as { text?: string }).text).toBe('one\n');

		// A device opening the fork's files has the server make its folder.
		const listed = await fetch(`${server.origin}/api/sessions/${forkId}/files`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(listed.status).toBe(200);
		const forkFolder = path.join(dataDir, 'workspaces', TENANT, forkId);
		expect((await readFile(path.join(forkFolder, 'a.txt'))).toString()).toBe('one\n');
		expect(await readFile(path.join(forkFolder, 'logo.bin'))).toEqual(BINARY);
		expect(await lstat(path.join(forkFolder, 'b.txt')).catch(() => null)).toBeNull();
		expect((await file('a.txt')).toString()).toBe('two\n');
		expect(await exists('b.txt')).toBe(true);

		// Its turns change its own files only.
		fake.script(toolUse(write('a.txt', 'fork\n')), textReply('Done.'));
		const id = prompt(forkDoc.doc, 'Write a in the fork');
		await until(forkDoc.doc, () => listMessages(forkDoc.doc, forkId).find((m) => m.id === id && m.state === 'done'), 'fork turn done');
		expect((await readFile(path.join(forkFolder, 'a.txt'))).toString()).toBe('fork\n');
		expect((await file('a.txt')).toString()).toBe('two\n');
	});
});

async function setMode(mode: PermissionMode) {
	const index = await server.registry.open(TENANT, INDEX_DOC);
	updateSession(index.doc, sessionId, { permissionMode: mode });
	index.release();
}
