// Runs the tools that walk the workspace (glob, search) in worker threads, so a large walk or a slow
// match never holds up the event loop that serves every tenant's sync. Each job has a time limit; a
// job past it, or stopped, has its worker terminated (a worker cannot be interrupted otherwise).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fail, type ToolResult } from './result';

export type OffloadedTool = 'glob' | 'search';

export interface OffloadedJob {
	name: OffloadedTool;
	input: unknown;
	root: string;
}

export interface ToolPoolOptions {
	/** Workers at most; more jobs wait for one. */
	size?: number;
	timeoutMs?: number;
}

export const TOOL_TIME_LIMIT_MS = 30_000;

/** The worker entry beside this module (TypeScript under tsx and vitest, JavaScript once built), once it says it is ready. */
function spawnWorker(): Promise<Worker> {
	const entry = new URL(import.meta.url.endsWith('.ts') ? './tool-worker.ts' : './tool-worker.js', import.meta.url);
	const worker = entry.pathname.endsWith('.ts')
		? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true })
		: new Worker(entry);
	worker.unref();
	return new Promise((resolve, reject) => {
		worker.once('message', () => resolve(worker));
		worker.once('error', reject);
	});
}

export class ToolPool {
	private readonly size: number;
	private readonly timeoutMs: number;
	private idle: Worker[] = [];
	private running = 0;
	private waiting: Array<(worker: Worker) => void> = [];

	constructor(options: ToolPoolOptions = {}) {
		this.size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
		this.timeoutMs = options.timeoutMs ?? TOOL_TIME_LIMIT_MS;
	}

	async run(job: OffloadedJob, signal: AbortSignal): Promise<ToolResult> {
		if (signal.aborted) return fail('aborted', `${job.name} was stopped before it ran.`);
		let worker: Worker;
		try {
			worker = await this.take();
		} catch (err) {
			this.running--;
			return fail('tool-failed', `${job.name} could not start: ${(err as Error).message}`);
		}
		if (signal.aborted) {
			this.give(worker);
			return fail('aborted', `${job.name} was stopped before it ran.`);
		}
		return new Promise<ToolResult>((resolve) => {
			const finish = (result: ToolResult, healthy: boolean) => {
				clearTimeout(timer);
				signal.removeEventListener('abort', onAbort);
				worker.off('message', onMessage);
				worker.off('error', onError);
				if (healthy) this.give(worker);
				else this.replace(worker);
				resolve(result);
			};
			const onMessage = (result: ToolResult) => finish(result, true);
			const onError = (err: Error) => finish(fail('tool-failed', `${job.name} failed: ${err.message}`), false);
			const onAbort = () => finish(fail('aborted', `${job.name} was stopped.`), false);
			const timer = setTimeout(
				() => finish(fail('timeout', `${job.name} took longer than ${this.timeoutMs / 1000} s and was stopped; narrow the pattern or the path.`), false),
				this.timeoutMs
			);
			signal.addEventListener('abort', onAbort, { once: true });
			worker.on('message', onMessage);
			worker.on('error', onError);
			worker.postMessage(job);
		});
	}

	/** Starts the workers now, so the first job does not wait for one to load. */
	async warm(): Promise<void> {
		const started: Worker[] = [];
		while (this.running + this.idle.length < this.size) started.push(await this.take());
		for (const worker of started) this.give(worker);
	}

	/** Ends every idle worker (shutdown, tests). */
	async close(): Promise<void> {
		const workers = this.idle.splice(0);
		await Promise.all(workers.map((worker) => worker.terminate()));
	}

	private take(): Promise<Worker> {
		const ready = this.idle.pop();
		if (ready) {
			this.running++;
			return Promise.resolve(ready);
		}
		if (this.running + this.idle.length < this.size) {
			this.running++;
			return spawnWorker();
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	private give(worker: Worker): void {
		const next = this.waiting.shift();
		if (next) return next(worker);
		this.running--;
		this.idle.push(worker);
	}

	private replace(worker: Worker): void {
		void worker.terminate();
		this.running--;
		const next = this.waiting.shift();
		if (next)
			void this.take().then(next, () => {
				this.running--;
				this.waiting.unshift(next);
			});
	}
}

let shared: ToolPool | null = null;

/** One pool per process: the workers are shared by every tenant and session. */
export function sharedToolPool(): ToolPool {
	return (shared ??= new ToolPool());
}
