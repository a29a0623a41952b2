import { expect, it } from 'vitest';
import { approvalDetail } from './detail';

it('shows what a call would write, replace or run, shortened past a screenful', () => {
	expect(approvalDetail('write', { path: 'a.txt', content: 'hello\n' })).toBe('hello\n');
	expect(approvalDetail('edit', { path: 'a', old_string: 'x = 1', new_string: 'x = 2' })).toBe('Replace:\nx = 1\nwith:\nx = 2');
	expect(approvalDetail('bash', { command: 'npm test' })).toBe('npm test');
	expect(approvalDetail('glob', { pattern: '*.ts' })).toBe('{\n  "pattern": "*.ts"\n}');
	const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
	const shown = approvalDetail('write', { path: 'a', content: long });
	expect(shown.split('\n')).toHaveLength(41);
	expect(shown.endsWith('… (60 more lines)')).toBe(true);
	expect(approvalDetail('bash', { command: 'x'.repeat(5000) }).endsWith('… (1000 more characters)')).toBe(true);
});

it("shows Claude Code's writes, edits and commands the same way", () => {
	expect(approvalDetail('Write', { file_path: '/w/a.txt', content: 'hello\n' })).toBe('hello\n');
	expect(approvalDetail('Bash', { command: 'env' })).toBe('env');
	expect(
		approvalDetail('MultiEdit', {
			file_path: '/w/a',
			edits: [
				{ old_string: 'a', new_string: 'b' },
				{ old_string: 'c', new_string: 'd', replace_all: true }
			]
		})
	).toBe('Replace:\na\nwith:\nb\n\nReplace every:\nc\nwith:\nd');
});
