// Starts and drives the fake Anthropic upstream in a child process (upstream-child.ts): scripts its
// replies and fetches when each text delta left it, on the shared monotonic clock (clock.ts).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import type { FromUpstream, ToUpstream } from './upstream-child';

export interface AnsweredRequest {
	/** The text of the last message the request sent: the prompt its reply answers. */
	prompt: string;
	/** The reply's text deltas, each when it left the upstream (monoNow's scale). */
	sent: Array<{ text: string; at: number }>;
}

export interface Upstream {
	url: string;
	/** Queues a reply: each request takes the next one, in the order requests arrive. */
	script(reply: ScriptedReply): void;
	/** The n-th request (from 1), once its reply is complete. */
	request(n: number): Promise<AnsweredRequest>;
	/** The text deltas of the n-th request (from 1), once its reply is complete. */
	sent(request: number): Promise<Array<{ text: string; at: number }>>;
	close(): Promise<void>;
}

export async function startUpstream(key: string): Promise<Upstream> {
	const child = fork(fileURLToPath(new URL('./upstream-child.ts', import.meta.url)), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, UPSTREAM_KEY: key },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const post = (message: ToUpstream) => child.send(message);
	const request = (n: number) =>
		new Promise<AnsweredRequest>((resolve) => {
			const onMessage = (m: FromUpstream) => {
				if (m.type !== 'sent' || m.request !== n) return;
				child.off('message', onMessage);
				resolve({ prompt: m.prompt, sent: m.sent });
			};
			child.on('message', onMessage);
			post({ type: 'sent', request: n });
		});
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`)));
		child.on('message', (m: FromUpstream) => m.type === 'ready' && resolve(m.url));
	});
	return {
		url,
		script: (reply) => post({ type: 'script', reply }),
		request,
		sent: async (n) => (await request(n)).sent,
		close: () => {
			post({ type: 'close' });
			return exited;
		}
	};
}
