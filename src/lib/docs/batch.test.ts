import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatch } from './batch';

afterEach(() => vi.useRealTimers());

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

	it('runs by the soonest wait asked for: a sooner request brings a pending run forward, a later one does not put it off', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		let runs = 0;
		const batch = createBatch(async () => void runs++, 10);
		batch.request(500);
		await vi.advanceTimersByTimeAsync(100);
		expect(runs).toBe(0);
		batch.request();
		await vi.advanceTimersByTimeAsync(10);
		expect(runs).toBe(1);
		batch.request(5);
		batch.request(500);
		await vi.advanceTimersByTimeAsync(5);
		expect(runs).toBe(2);
		await vi.advanceTimersByTimeAsync(1000);
		expect(runs).toBe(2);
	});
});
