// Forces a full garbage collection in another Node process through its inspector (started with
// --inspect=127.0.0.1:0), so a memory reading shows what is retained, not what V8 has yet to collect.
import WebSocket from 'ws';

/** The inspector address a process printed on stderr ("Debugger listening on ws://…"). */
export function inspectorUrl(output: string): string | null {
	return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

export function collectGarbage(url: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		const timer = setTimeout(() => fail(new Error('inspector did not answer')), 30_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			socket.terminate();
			reject(error);
		};
		socket.once('error', fail);
		socket.once('open', () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
		socket.on('message', (data: Buffer) => {
			const reply = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
			if (reply.id !== 1) return;
			clearTimeout(timer);
			socket.close();
			if (reply.error) reject(new Error(reply.error.message));
			else resolve();
		});
	});
}
