// WAL checkpoints off the event loop. A checkpoint copies the WAL into the database file and fsyncs both
// (with synchronous=NORMAL the only fsync there is); SQLite runs one automatically on the thread whose
// commit crosses 1,000 WAL pages, which stalled every socket on the server for up to ~50 ms. So the
// writing connection turns that off, and this worker thread, with a connection of its own, runs a PASSIVE
// checkpoint (it never waits for or blocks the writer) every `everyMs`. The WAL then restarts from its
// beginning at the next commit, so it stays about one interval's writes long.
// The worker (a V8 isolate of its own, some 9 MB resident) runs only while there are writes: the first
// commit after a quiet spell starts it, and it ends once `quietMs` pass with none. Commits the store does
// not report (tokens, subscriptions: a few rows) wait in the WAL for the next reported one or the close.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker, so the built server needs no extra entry point.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage({});
	} catch (error) {
		parentPort.postMessage({ failed: String(error && error.message || error) });
	}
}, workerData.everyMs);
parentPort.once('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export interface Checkpointer {
	/** A commit was made: starts the worker if it is not running, and keeps it running for `quietMs` more. */
	wrote(): void;
	/** Ends the worker after its current checkpoint. */
	stop(): Promise<void>;
}

export interface CheckpointerOptions {
	everyMs: number;
	/** The worker ends at its first checkpoint this long after the last commit (default 10 checkpoint intervals). */
	quietMs?: number;
	/** Called once, at the first failure: the checkpointer then stops for good (the store falls back to SQLite's own). */
	onFailure(message: string): void;
}

export function startCheckpointer(file: string, { everyMs, quietMs = 10 * everyMs, onFailure }: CheckpointerOptions): Checkpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	let worker: Worker | undefined;
	let lastWrite = 0;
	let failed = false;
	const ending = new Set<Promise<void>>();
	const end = (running: Worker) => {
		if (worker === running) worker = undefined;
		const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
		ending.add(exited);
		void exited.then(() => ending.delete(exited));
		running.postMessage('stop');
	};
	const fail = (message: string) => {
		if (failed) return;
		failed = true;
		if (worker) end(worker);
		onFailure(message);
	};
	const spawn = () => {
		const running = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
		// Each checkpoint reports in; the one after a quiet spell has copied every commit so far, so the worker may go.
		running.on('message', (message: { failed?: string }) => {
			if (message.failed) fail(message.failed);
			else if (worker === running && Date.now() - lastWrite >= quietMs) end(running);
		});
		running.on('error', (error) => fail(error.message));
		running.once('exit', () => {
			if (worker === running) worker = undefined;
		});
		// A checkpoint pending at exit is simply left to the next start (SQLite replays the WAL).
		running.unref();
		return running;
	};
	return {
		wrote() {
			if (failed) return;
			lastWrite = Date.now();
			worker ??= spawn();
		},
		async stop() {
			if (worker) end(worker);
			await Promise.all(ending);
		}
	};
}
