import { describe, expect, it } from 'vitest';
import { createBatch } from './batch';

describe('createBatch', () => {
	it('turns a burst of requests into one run', async () => {
		let runs = 0;
		const batch = createBatch(async () => void runs++, 5);
		for (let i = 0; i < 100; i++) batch.request();
		await batch.settled();
		expect(runs).toBe(1);
	});

	it('never overlaps runs, and settled waits for a request made during a run', async () => {
		const log: string[] = [];
		let active = 0;
		const batch = createBatch(async () => {
			active++;
			log.push(`start ${active}`);
			await new Promise((r) => setTimeout(r, 5));
			if (log.length === 1) batch.request();
			active--;
		}, 0);
		batch.request();
		await batch.settled();
		await batch.settled();
		expect(log).toEqual(['start 1', 'start 1']);
	});

	it('runs nothing after stop', async () => {
		let runs = 0;
		const batch = createBatch(async () => void runs++, 5);
		batch.request();
		batch.stop();
		await batch.settled();
		expect(runs).toBe(0);
	});
});
