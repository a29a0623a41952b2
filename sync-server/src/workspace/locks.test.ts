import { describe, expect, it } from 'vitest';
import { withFileLock } from './locks';

describe('withFileLock', () => {
	it('runs holders of one key one after the other, and other keys freely', async () => {
		const log: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = withFileLock('/a', async () => {
			log.push('a1 start');
			await gate;
			log.push('a1 end');
		});
		const second = withFileLock('/a', async () => log.push('a2'));
		const other = withFileLock('/b', async () => log.push('b'));
		await other;
		release();
		await Promise.all([first, second]);
		expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
	});

	it('goes on after a holder fails', async () => {
		await expect(withFileLock('/c', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await withFileLock('/c', async () => 'next')).toBe('next');
	});
});
