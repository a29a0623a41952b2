// Starts and drives the fake Anthropic upstream in a child process (upstream-child.ts): scripts its
// replies and fetches when each text delta left it, on the shared monotonic clock (clock.ts).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScriptedReply } from '../../sync-server/src/demo/script';
import type { FromUpstream, ToUpstream } from './upstream-child';

export interface Upstream {
	url: string;
	script(reply: ScriptedReply): void;
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
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`)));
		child.on('message', (m: FromUpstream) => m.type === 'ready' && resolve(m.url));
	});
	return {
		url,
		script: (reply) => post({ type: 'script', reply }),
		sent: (request) =>
			new Promise((resolve) => {
				const onMessage = (m: FromUpstream) => {
					if (m.type !== 'sent' || m.request !== request) return;
					child.off('message', onMessage);
					resolve(m.sent);
				};
				child.on('message', onMessage);
				post({ type: 'sent', request });
			}),
		close: () => {
			post({ type: 'close' });
			return exited;
		}
	};
}
