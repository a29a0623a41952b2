// The tool set one server offers Claude: the file tools always, bash only when the server enables a shell.
import { isToolName, TOOL_DEFINITIONS, type ToolDefinition, type ToolName } from '../../../../src/lib/core/tools';
import { sharedToolPool, type OffloadedTool, type ToolPool } from '../offload';
import { fail, type ToolResult } from '../result';
import type { ToolContext, WorkspaceTool } from '../tool';
import { createBashTool, type ShellOptions } from './bash';
import { editTool } from './edit';
import { globTool } from './glob';
import { listTool } from './list';
import { readTool } from './read';
import { searchTool } from './search';
import { writeTool } from './write';

export interface WorkspaceToolsOptions {
	/** Shell commands run only when this is given (off by default). */
	shell?: ShellOptions | null;
	/** Where glob and search run (default: the process's shared worker pool). */
	pool?: ToolPool;
}

export interface WorkspaceTools {
	tools: ReadonlyMap<ToolName, WorkspaceTool>;
	/** The Messages API `tools` parameter: only the tools this server runs. */
	definitions: ToolDefinition[];
	/** Runs a tool call as Claude sent it; unknown or disabled tools are refusals, never exceptions. */
	run(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult>;
}

export function createWorkspaceTools(options: WorkspaceToolsOptions = {}): WorkspaceTools {
	const pool = options.pool ?? sharedToolPool();
	const offThread = <N extends OffloadedTool>(tool: WorkspaceTool<N>): WorkspaceTool<N> => ({
		name: tool.name,
		permission: tool.permission,
		run: (input, ctx) => pool.run({ name: tool.name, input, root: ctx.root }, ctx.signal)
	});
	const list: WorkspaceTool[] = [listTool, offThread(globTool), readTool, offThread(searchTool), writeTool, editTool];
	if (options.shell) list.push(createBashTool(options.shell));
	const tools = new Map<ToolName, WorkspaceTool>(list.map((tool) => [tool.name, tool]));
	return {
		tools,
		definitions: TOOL_DEFINITIONS.filter((def) => tools.has(def.name)),
		async run(name, input, ctx) {
			const tool = isToolName(name) ? tools.get(name) : undefined;
			if (tool) return tool.run(input, ctx);
			if (name === 'bash') return fail('tool-disabled', 'Shell commands are disabled on this server (set WORKSPACE_SHELL=1 to enable them).');
			return fail('unknown-tool', `There is no tool named ${name}.`);
		}
	};
}
