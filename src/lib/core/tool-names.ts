// Our workspace tools' names and what each may do; zod-free, so the first screen can use them.

/** What running a tool can do: `read` looks, `write` changes files, `exec` runs a command. */
export type ToolPermission = 'read' | 'write' | 'exec';

export const TOOL_PERMISSIONS = {
	list: 'read',
	glob: 'read',
	read: 'read',
	search: 'read',
	write: 'write',
	edit: 'write',
	bash: 'exec'
} as const satisfies Record<string, ToolPermission>;

export type ToolName = keyof typeof TOOL_PERMISSIONS;
export const TOOL_NAMES = Object.keys(TOOL_PERMISSIONS) as ToolName[];

export function isToolName(value: unknown): value is ToolName {
	return typeof value === 'string' && Object.hasOwn(TOOL_PERMISSIONS, value);
}
