import { describe, expect, it } from 'vitest';
import { todoProgress } from './todos';

describe('todoProgress', () => {
	it('counts what is done, and says when something is under way', () => {
		expect(
			todoProgress([
				{ content: 'Read the code', status: 'completed' },
				{ content: 'Fix the bug', status: 'in_progress', activeForm: 'Fixing the bug' },
				{ content: 'Run the tests', status: 'pending' }
			])
		).toBe('Tasks: 1 of 3 done · 1 in progress');
		expect(todoProgress([{ content: 'a', status: 'completed' }])).toBe('Tasks: 1 of 1 done');
	});
});
