// The turn lease covers Claude Code's agent processes. Two instances run Claude Code sessions (the real
// `claude` binary against the fake Anthropic server). When the holder loses a session's lease mid-turn,
// or is killed with SIGKILL, its `claude` process ends (nothing goes on streaming or writing files), the
// new holder marks the cut turn interrupted and runs the next queued prompt once, with its own agent;
// and once the new holder lets go, a prompt queued on the first instance runs there again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { turnOutcome } from '../../src/lib/core/turns';
import { listMessages, putSession } from '../../src/lib/core/ydoc';
import { startFakeAnthropic, type FakeAnthropic } from '../../sync-server/src/demo/fake-anthropic';
import { textReply } from '../../sync-server/src/demo/script';
import { groupProcessList, type ServerProcess } from '../helpers/server-process';
import { connectDevice, eventually, synced, until, type Device } from '../helpers/yclient';
import { prompt } from '../integration/runner-harness';
import { postgresReachable, startCluster, syncUrl, TOKEN, type Cluster } from './harness';

const KEY = 'sk-ant-cluster-claude';
const LEASE_TTL_MS = 3000;
const canRun = await postgresReachable();
let cluster: Cluster;
let fake: FakeAnthropic;
const devices: Device[] = [];

async function device(instance: ServerProcess, name: string): Promise<Device> {
	const d = connectDevice(syncUrl(instance), name, TOKEN);
	devices.push(d);
	await synced(d.provider);
	return d;
}

/** Pids of the `claude` processes the instance runs. */
const claudeProcesses = (instance: ServerProcess) => groupProcessList(instance).filter((p) => /claude-agent-sdk/.test(p.args)).map((p) => p.pid);
const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};
const live = () => cluster.instances.filter((i) => i.child.exitCode === null && i.child.signalCode === null);

/** A Claude Code session, its document open on `first` (which so takes its lease) and on `second`. */
async function session(first: ServerProcess, second: ServerProcess) {
	const sessionId = newId();
	const index = await device(first, INDEX_DOC);
	putSession(index.doc, { id: sessionId, title: 'Agent', createdAt: 1, updatedAt: 1, status: 'active', model: 'claude-sonnet-5-5', engine: 'claude-code' });
	const name = sessionDocName(sessionId);
	const a = await device(first, name);
	await eventually(async () => (await cluster.leaseHolder(name)) === first, 10_000, 50);
	const b = await device(second, name);
	const messages = (d: Device) => listMessages(d.doc, sessionId);
	const replies = (d: Device, promptId: string) => messages(d).filter((m) => m.kind === 'assistant' && m.meta.replyTo === promptId);
	/** How the prompt's turn ended, as its devices show it; undefined while it has not. */
	const outcome = (d: Device, promptId: string) => {
		const asked = messages(d).find((m) => m.id === promptId);
		const seen = asked && turnOutcome(messages(d), asked);
		return seen === 'queued' || seen === 'running' ? undefined : seen;
	};
	const streamed = (d: Device, promptId: string) => replies(d, promptId).reduce((n, m) => n + m.text.length, 0);
	return { sessionId, name, a, b, replies, outcome, streamed };
}

/** Requests that reached the upstream with this text in them: a prompt's turn, or a later one's history. */
const requestsWith = (text: string) => fake.requests.filter((r) => !r.rejected && JSON.stringify(r.body).includes(text));

describe.runIf(canRun)('Claude Code sessions on several instances', () => {
	beforeAll(async () => {
		fake = await startFakeAnthropic({ apiKey: KEY });
		cluster = await startCluster(
			2,
			{ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, LEASE_TTL_MS: String(LEASE_TTL_MS), IDLE_UNLOAD_MS: '200' },
			{ group: true }
		);
	}, 150_000);

	afterAll(async () => {
		for (const d of devices) d.destroy();
		await cluster?.stop();
		await fake?.close();
	});

	it('stops the agent of an instance that cannot renew its lease mid-turn; the next holder goes on, and the session moves on again', async () => {
		const [first, second] = cluster.instances;
		const s = await session(first, second);
		fake.script(textReply('A long answer, cut short. '.repeat(200), { chunkChars: 4, delayMs: 50 }), textReply('The answer of the next holder.'));
		const cut = prompt(s.a.doc, 'Tell me a long story');
		const next = prompt(s.a.doc, 'Then the second question');
		await until(s.b.doc, () => s.streamed(s.b, cut) > 20, 60_000);
		const agents = claudeProcesses(first);
		expect(agents.length).toBeGreaterThan(0);

		// The database stalls for this lease (its row stays locked): the holder's renewals go unanswered,
		// and it must stop before the lease could lapse. Meanwhile the lease passes to a generation that died.
		const stall = await cluster.client();
		let generation: string;
		try {
			await stall.query('BEGIN');
			[{ generation }] = (await stall.query<{ generation: string }>('SELECT generation FROM turn_leases WHERE doc = $1 FOR UPDATE', [s.name])).rows;
			await eventually(() => agents.every((pid) => !alive(pid)), 15_000, 100);
			await until(s.b.doc, () => s.outcome(s.b, cut) === 'interrupted', 20_000);
			await stall.query("UPDATE turn_leases SET owner = 'an-instance-that-died', generation = generation + 1, expires_at = now() - interval '1 second' WHERE doc = $1", [s.name]);
			await stall.query('COMMIT');
		} finally {
			await stall.query('ROLLBACK').catch(() => undefined);
			stall.release();
		}

		await until(s.b.doc, () => s.outcome(s.b, next) !== undefined, 60_000);
		expect(s.outcome(s.b, next)).toBe('done');
		expect(s.replies(s.b, next).map((m) => m.text)).toEqual(['The answer of the next holder.']);
		expect(requestsWith('Then the second question')).toHaveLength(1);
		const [lease] = await cluster.query<{ generation: string }>('SELECT generation FROM turn_leases WHERE doc = $1', [s.name]);
		expect(Number(lease.generation)).toBeGreaterThan(Number(generation) + 1);

		// Whichever instance took it lets go once its device leaves; a prompt queued on the other runs there.
		const holder = await cluster.leaseHolder(s.name);
		const [leaving, staying, there] = holder === first ? [s.a, s.b, second] : [s.b, s.a, first];
		leaving.destroy();
		await eventually(async () => (await cluster.leaseHolder(s.name)) === undefined, 10_000, 50);
		fake.script(textReply('And on the other instance.'));
		const moved = prompt(staying.doc, 'And a third');
		await until(staying.doc, () => s.outcome(staying, moved) !== undefined, 60_000);
		expect(s.replies(staying, moved).map((m) => m.text)).toEqual(['And on the other instance.']);
		expect(await cluster.leaseHolder(s.name)).toBe(there);
	}, 180_000);

	it("ends a SIGKILLed holder's agent; the other instance marks the turn interrupted and runs the next prompt once", async () => {
		const [holder, other] = live();
		const s = await session(holder, other);
		fake.script(textReply('Another long answer. '.repeat(200), { chunkChars: 4, delayMs: 50 }), textReply('Taken over.'));
		const cut = prompt(s.a.doc, 'Write me an essay');
		const next = prompt(s.a.doc, 'Then a summary of it');
		await until(s.b.doc, () => s.streamed(s.b, cut) > 20, 60_000);
		const agents = claudeProcesses(holder);
		expect(agents.length).toBeGreaterThan(0);
		await holder.kill('SIGKILL');
		// The agent sees its input close with its server and exits: no orphan keeps spending or writing.
		await eventually(() => agents.every((pid) => !alive(pid)), 15_000, 100);
		await until(s.b.doc, () => s.outcome(s.b, cut) === 'interrupted', 4 * LEASE_TTL_MS);
		await until(s.b.doc, () => s.outcome(s.b, next) !== undefined, 60_000);
		expect(s.outcome(s.b, next)).toBe('done');
		expect(s.replies(s.b, next).map((m) => m.text)).toEqual(['Taken over.']);
		expect(requestsWith('Then a summary of it')).toHaveLength(1);
		expect(await cluster.leaseHolder(s.name)).toBe(other);
	}, 180_000);
});
