import { describe, expect, it } from 'vitest';
import {
	decide,
	isToolName,
	PERMISSION_MODES,
	TOOL_DEFINITIONS,
	TOOL_NAMES,
	TOOL_PERMISSIONS,
	ToolInputSchemas,
	toolCallSummary,
	type ToolPermission
} from './tools';

describe('tool definitions sent to the Messages API', () => {
	it('has one definition per tool, each an object schema without a $schema key', () => {
		expect(TOOL_DEFINITIONS.map((d) => d.name)).toEqual(TOOL_NAMES);
		for (const def of TOOL_DEFINITIONS) {
			expect(def.input_schema.type).toBe('object');
			expect(def.input_schema).not.toHaveProperty('$schema');
			expect(def.description.length).toBeGreaterThan(20);
		}
	});

	it('marks only the fields without defaults as required', () => {
		const edit = TOOL_DEFINITIONS.find((d) => d.name === 'edit')!;
		expect(edit.input_schema.required).toEqual(['path', 'old_string', 'new_string']);
		const list = TOOL_DEFINITIONS.find((d) => d.name === 'list')!;
		expect(list.input_schema.required ?? []).toEqual([]);
	});

	it('rejects unknown fields, so a misspelt option is not silently ignored', () => {
		expect(ToolInputSchemas.edit.safeParse({ path: 'a', old_string: 'x', new_string: 'y', replaceAll: true }).success).toBe(false);
	});

	it('applies defaults', () => {
		expect(ToolInputSchemas.list.parse({})).toEqual({ path: '.' });
		expect(ToolInputSchemas.edit.parse({ path: 'a', old_string: 'x', new_string: '' }).replace_all).toBe(false);
	});

	it('knows its names', () => {
		expect(isToolName('read')).toBe(true);
		expect(isToolName('toString')).toBe(false);
		expect(isToolName('rm')).toBe(false);
	});
});

describe('permission policy', () => {
	const table: [string, ToolPermission, string][] = [
		['ask', 'read', 'allow'],
		['ask', 'write', 'ask'],
		['ask', 'exec', 'ask'],
		['accept-edits', 'read', 'allow'],
		['accept-edits', 'write', 'allow'],
		['accept-edits', 'exec', 'ask'],
		['read-only', 'read', 'allow'],
		['read-only', 'write', 'deny'],
		['read-only', 'exec', 'deny'],
		['plan', 'read', 'allow'],
		['plan', 'write', 'deny'],
		['plan', 'exec', 'deny']
	];
	it.each(table)('%s mode, %s tool → %s', (mode, permission, expected) => {
		expect(decide(mode as (typeof PERMISSION_MODES)[number], permission)).toBe(expected);
	});

	it('asks when the mode is unknown (a malformed synced value)', () => {
		expect(decide('yolo' as never, 'exec')).toBe('ask');
		expect(decide('yolo' as never, 'read')).toBe('allow');
	});

	it('classes every tool', () => {
		expect(TOOL_PERMISSIONS).toMatchObject({ read: 'read', write: 'write', edit: 'write', bash: 'exec' });
	});
});

describe('toolCallSummary', () => {
	it('names the file or command', () => {
		expect(toolCallSummary('edit', { path: 'src/app.ts' })).toBe('edit src/app.ts');
		expect(toolCallSummary('bash', { command: 'npm test\necho done' })).toBe('bash: npm test');
		expect(toolCallSummary('search', { pattern: 'TODO', path: 'src' })).toBe('search TODO in src');
		expect(toolCallSummary('list', {})).toBe('list .');
		expect(toolCallSummary('bash', { command: 'x'.repeat(200) })).toHaveLength(80);
	});

	it("names Claude Code's tools by what they touch, keeping the end of a long absolute path", () => {
		expect(toolCallSummary('Write', { file_path: '/w/src/app.ts', content: 'x' })).toBe('Write /w/src/app.ts');
		// Inside the session's folder the path reads from there; outside it stays whole.
		expect(toolCallSummary('Write', { file_path: '/data/workspaces/t/s1/src/app.ts' }, '/data/workspaces/t/s1')).toBe('Write src/app.ts');
		expect(toolCallSummary('Read', { file_path: '/data/workspaces/t/s10/x.ts' }, '/data/workspaces/t/s1')).toBe('Read /data/workspaces/t/s10/x.ts');
		expect(toolCallSummary('Bash', { command: 'env\nls' })).toBe('Bash: env');
		expect(toolCallSummary('Grep', { pattern: 'TODO', path: '/w' })).toBe('Grep TODO in /w');
		expect(toolCallSummary('Task', { description: 'Review the diff', prompt: '…' })).toBe('Task: Review the diff');
		expect(toolCallSummary('AskUserQuestion', { questions: [{ question: 'Which library?' }] })).toBe('AskUserQuestion: Which library?');
		expect(toolCallSummary('mcp__github__list_issues', { repo: 'x' })).toBe('mcp__github__list_issues');
		const deep = toolCallSummary('Edit', { file_path: `/data/workspaces/t1/${'d/'.repeat(60)}main.ts` });
		expect(deep).toHaveLength(80);
		expect(deep.startsWith('Edit …')).toBe(true);
		expect(deep.endsWith('/main.ts')).toBe(true);
	});
});
