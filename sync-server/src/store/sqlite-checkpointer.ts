// WAL checkpoints off the event loop. A checkpoint copies the WAL into the database file and fsyncs both
// (with synchronous=NORMAL the only fsync there is); SQLite runs one automatically on the thread whose
// commit crosses 1,000 WAL pages, which stalled every socket on the server for up to ~50 ms. So the
// writing connection turns that off, and this worker thread, with a connection of its own, runs a PASSIVE
// checkpoint (it never waits for or blocks the writer) every `everyMs`. The WAL then restarts from its
// beginning at the next commit, so it stays about one interval's writes long.
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
	/** Ends the worker after its current checkpoint. */
	stop(): Promise<void>;
}

export function startCheckpointer(file: string, everyMs: number, onFailure: (message: string) => void): Checkpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
	worker.on('message', (message: { failed?: string }) => message.failed && onFailure(message.failed));
	worker.on('error', (error) => onFailure(error.message));
	// A checkpoint pending at exit is simply left to the next start (SQLite replays the WAL).
	worker.unref();
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	return {
		stop() {
			worker.postMessage('stop');
			return exited;
		}
	};
}
