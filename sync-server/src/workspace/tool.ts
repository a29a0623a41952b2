// The shape every workspace tool has; inputs are validated against the one schema in the core before a tool sees them.
import { z } from 'zod';
import { TOOL_PERMISSIONS, ToolInputSchemas, type ToolInput, type ToolName, type ToolPermission } from '../../../src/lib/core/tools';
import { fail, fromFsError, type ToolResult } from './result';

export interface ToolContext {
	/** The session's working directory (resolveWorkspace's result). */
	root: string;
	/** Aborted when the turn is stopped; long tools (bash, walks) give up with reason `aborted`. */
	signal: AbortSignal;
}

export interface WorkspaceTool<N extends ToolName = ToolName> {
	name: N;
	permission: ToolPermission;
	run(input: unknown, ctx: ToolContext): Promise<ToolResult>;
}

function describeIssues(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

/** Wraps a tool body: validates input, turns stray exceptions into `tool-failed` refusals so the turn goes on. */
export function defineTool<N extends ToolName>(name: N, body: (input: ToolInput<N>, ctx: ToolContext) => Promise<ToolResult>): WorkspaceTool<N> {
	const schema = ToolInputSchemas[name] as unknown as z.ZodType<ToolInput<N>>;
	return {
		name,
		permission: TOOL_PERMISSIONS[name],
		async run(input, ctx) {
			const parsed = schema.safeParse(input);
			if (!parsed.success) return fail('invalid-input', `Invalid input for ${name}: ${describeIssues(parsed.error)}`);
			if (ctx.signal.aborted) return fail('aborted', `${name} was stopped before it ran.`);
			try {
				return await body(parsed.data, ctx);
			} catch (err) {
				return fromFsError(err, `A path ${name} touched`);
			}
		}
	};
}
