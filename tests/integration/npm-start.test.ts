// `npm start` as a supervisor or a terminal runs it: SIGTERM or SIGINT to the npm process stops the whole
// server (no orphan holding the port), and a turn that was streaming is saved as interrupted.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import { appendMessage, listMessages } from '../../src/lib/core/ydoc';
import { killGroup, spawnServer, type ServerProcess } from '../helpers/server-process';
import { connectDevice, eventually, synced, until, type Device } from '../helpers/yclient';

const TOKEN = 'npm-start-token-0123456789';
const env = { AUTH_TOKENS: `alpha:${TOKEN}`, ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '' };
const syncUrl = (s: ServerProcess) => `${s.origin.replace(/^http/, 'ws')}/sync`;
// Starting npm and the server takes seconds on a busy machine; only the shutdown is held to 5 s.

let servers: ServerProcess[] = [];
let devices: Device[] = [];
afterEach(async () => {
	devices.forEach((d) => d.destroy());
	devices = [];
	servers.forEach(killGroup);
	await Promise.all(servers.map((s) => s.kill('SIGKILL')));
	servers = [];
});

/** Whether any process of the server's process group (npm, node, esbuild…) still runs. */
function groupAlive(server: ServerProcess): boolean {
	try {
		process.kill(-server.child.pid!, 0);
		return true;
	} catch {
		return false;
	}
}

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

describe('npm start', () => {
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		it(`${signal} to npm frees the port within 5 s and leaves no process`, async () => {
			const server = await spawnServer({ npmStart: true, env });
			servers.push(server);
			expect(await portFree(server.port)).toBe(false);
			server.child.kill(signal);
			await eventually(async () => !groupAlive(server) && (await portFree(server.port)), 5_000, 50);
		}, 60_000);
	}

	it('saves a turn streaming at SIGTERM as interrupted, and the next start shows it', async () => {
		const first = await spawnServer({ npmStart: true, env });
		servers.push(first);
		const sessionId = newId();
		const name = sessionDocName(sessionId);
		const device = connectDevice(syncUrl(first), name, TOKEN);
		devices.push(device);
		await synced(device.provider);
		const id = newId();
		appendMessage(device.doc, { id, kind: 'user', text: 'What is this app?', state: 'queued', createdAt: Date.now(), meta: {} });
		const reply = () => listMessages(device.doc, sessionId).find((m) => m.meta.replyTo === id && m.kind === 'assistant');
		await until(device.doc, () => (reply()?.text.length ?? 0) > 0, 20_000);
		device.provider.disconnect();
		first.child.kill('SIGTERM');
		await eventually(() => !groupAlive(first), 5_000, 50);

		const second = await spawnServer({ dataDir: first.dataDir, env });
		servers.push(second);
		const reader = connectDevice(syncUrl(second), name, TOKEN);
		devices.push(reader);
		await synced(reader.provider);
		const saved = listMessages(reader.doc, sessionId);
		expect(saved.find((m) => m.id === id)?.state).toBe('done');
		expect(saved.find((m) => m.meta.replyTo === id && m.kind === 'assistant')?.state).toBe('interrupted');
	}, 90_000);

	it('prints the sign-in link last, on a line of its own, after the log lines of the start', async () => {
		const server = await spawnServer({ npmStart: true, env: { ...env, LOG_LEVEL: 'info' } });
		servers.push(server);
		const out = server.output();
		expect(out).toContain('"msg":"listening"');
		expect(out.trimEnd().split('\n').at(-1)).toBe(server.signInLink ? `Open ${server.signInLink}` : `Open ${server.origin}`);
	}, 60_000);
});
