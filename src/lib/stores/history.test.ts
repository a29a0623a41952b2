import { describe, expect, it } from 'vitest';
import { PromptHistory } from './history';

const fromList = (newestFirst: string[]) => async (back: number) => newestFirst[back];

describe('PromptHistory', () => {
	it('walks back to the oldest, forward to the newest, then returns the text being typed', async () => {
		const history = new PromptHistory(fromList(['third', 'second', 'first']));
		expect(await history.back('typing')).toBe('third');
		expect(await history.back('third')).toBe('second');
		expect(await history.back('second')).toBe('first');
		expect(await history.back('first')).toBeUndefined();
		expect(await history.forward()).toBe('second');
		expect(await history.forward()).toBe('third');
		expect(await history.forward()).toBe('typing');
		expect(history.browsing).toBe(false);
		expect(await history.forward()).toBeUndefined();
	});

	it('keeps the order of fast repeated keys', async () => {
		const slowFirst = async (back: number) => {
			await new Promise((r) => setTimeout(r, back === 0 ? 10 : 0));
			return ['b', 'a'][back];
		};
		const history = new PromptHistory(slowFirst);
		const results = await Promise.all([history.back(''), history.back(''), history.forward()]);
		expect(results).toEqual(['b', 'a', 'b']);
	});

	it('starts over after a reset', async () => {
		const history = new PromptHistory(fromList(['only']));
		await history.back('x');
		history.reset();
		expect(history.browsing).toBe(false);
		expect(await history.back('y')).toBe('only');
		expect(await history.forward()).toBe('y');
	});

	it('does nothing without any prompts', async () => {
		const history = new PromptHistory(fromList([]));
		expect(await history.back('draft')).toBeUndefined();
		expect(history.browsing).toBe(false);
	});
});
