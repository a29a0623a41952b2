// The worker side of offload.ts: says it is ready, then runs one glob or search at a time and posts its result back.
import { parentPort } from 'node:worker_threads';
import type { OffloadedJob } from './offload';
import { globTool } from './tools/glob';
import { searchTool } from './tools/search';

const tools = { glob: globTool, search: searchTool };
// Stop and the time limit terminate the whole worker, so a job never needs its own signal.
const signal = new AbortController().signal;

parentPort?.on('message', async (job: OffloadedJob) => {
	parentPort?.postMessage(await tools[job.name].run(job.input, { root: job.root, signal }));
});
parentPort?.postMessage('ready');
