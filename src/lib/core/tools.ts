// Claude's workspace tools, defined once for server and UI: names, input schemas, permission classes, the policy.
import { TOOL_NAMES, type ToolName, type ToolPermission } from './tool-names';
import { z } from './zod';

export { isToolName, TOOL_NAMES, TOOL_PERMISSIONS, type ToolName, type ToolPermission } from './tool-names';
export { toolCallSummary } from './tool-summary';

/** Largest text a tool writes, in characters (UTF-16 code units); the server also caps its UTF-8 size at 2 MiB. */
export const MAX_FILE_CHARS = 2 * 1024 * 1024;

const path = z.string().min(1).max(4096).describe('Path relative to the workspace root, with / separators.');
const dir = path.describe('Folder relative to the workspace root; defaults to the root.');
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const ToolInputSchemas = {
	list: z.object({ path: dir.default('.') }).strict(),
	glob: z
		.object({
			pattern: z.string().min(1).max(1000).describe('Glob such as **/*.ts or src/*.{js,ts}; a pattern without / matches file names at any depth.'),
			path: dir.optional(),
			max_results: int(1, 1000).optional().describe('At most this many paths (default 200).')
		})
		.strict(),
	read: z
		.object({
			path,
			offset: int(1, 10_000_000).optional().describe('First line to return, counting from 1.'),
			limit: int(1, 10_000).optional().describe('Number of lines to return (default 2000).')
		})
		.strict(),
	search: z
		.object({
			pattern: z.string().min(1).max(1000).describe('JavaScript regular expression, matched per line.'),
			path: path.optional().describe('File or folder to search; defaults to the whole workspace.'),
			glob: z.string().min(1).max(1000).optional().describe('Only search files whose path matches this glob.'),
			case_insensitive: z.boolean().default(false),
			max_matches: int(1, 1000).optional().describe('At most this many matching lines (default 100).')
		})
		.strict(),
	write: z
		.object({ path, content: z.string().max(MAX_FILE_CHARS).describe('The complete new contents of the file.') })
		.strict(),
	edit: z
		.object({
			path,
			old_string: z.string().min(1).describe('Exact text to replace, including whitespace; it must occur exactly once unless replace_all.'),
			new_string: z.string().max(MAX_FILE_CHARS).describe('Replacement text.'),
			replace_all: z.boolean().default(false).describe('Replace every occurrence of old_string.')
		})
		.strict(),
	bash: z
		.object({
			command: z.string().min(1).max(100_000).describe('Shell command, run by bash in the workspace root without stdin.'),
			timeout_ms: int(1000, 600_000).optional().describe('Stop the command after this many milliseconds.')
		})
		.strict()
} as const satisfies Record<ToolName, z.ZodType>;

/** A tool's input after validation (defaults applied). */
export type ToolInput<N extends ToolName> = z.output<(typeof ToolInputSchemas)[N]>;

const DESCRIPTIONS: Record<ToolName, string> = {
	list: 'List one folder of the workspace (not recursive): each entry with its type and size.',
	glob: 'Find files in the workspace whose paths match a glob pattern. Returns workspace-relative paths, sorted.',
	read: 'Read a text file of the workspace, with line numbers. Use offset and limit to read part of a long file. Binary files are not shown.',
	search: 'Search the text files of the workspace with a regular expression. Returns path:line: text for each matching line. Binary and very large files are skipped.',
	write: 'Create a file or replace its whole contents. Folders are created as needed. Prefer edit for changes to an existing file.',
	edit: 'Replace exact text in a file. Fails when old_string is absent, or occurs more than once without replace_all; include more surrounding lines to make it unique.',
	bash: 'Run a shell command in the workspace root and return its combined output and exit code. No stdin; long commands are stopped after the timeout.'
};

/** One entry of the Messages API `tools` parameter. */
export interface ToolDefinition {
	name: ToolName;
	description: string;
	input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[]; [key: string]: unknown };
}

function inputSchema(name: ToolName): ToolDefinition['input_schema'] {
	const { $schema: _, ...schema } = z.toJSONSchema(ToolInputSchemas[name], { io: 'input' }) as Record<string, unknown>;
	return schema as ToolDefinition['input_schema'];
}

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = TOOL_NAMES.map((name) => ({
	name,
	description: DESCRIPTIONS[name],
	input_schema: inputSchema(name)
}));


/**
 * How much the agent may do without asking; `ask` is the default for every session. `plan` has Claude
 * Code propose a plan first; on the Messages API engine it acts as read-only.
 */
export const PERMISSION_MODES = ['ask', 'accept-edits', 'plan', 'read-only'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];
export const DEFAULT_PERMISSION_MODE: PermissionMode = 'ask';

export type Decision = 'allow' | 'ask' | 'deny';

/** Reads always run; writes and commands wait for a person unless the mode says otherwise. */
export function decide(mode: PermissionMode, permission: ToolPermission): Decision {
	if (permission === 'read') return 'allow';
	switch (mode) {
		case 'read-only':
		case 'plan':
			return 'deny';
		case 'accept-edits':
			return permission === 'write' ? 'allow' : 'ask';
		// A mode read from a synced document may be anything; unknown modes ask.
		default:
			return 'ask';
	}
}

/** A change a tool made to one file, recorded in the session so every device can show it offline. */
export const FileChangeSchema = z.object({
	/** Workspace-relative, / separated. */
	path: z.string().min(1),
	/** null when the tool created the file. */
	before: z.string().nullable(),
	after: z.string(),
	/** Unified diff of before → after. */
	patch: z.string()
});
export type FileChange = z.infer<typeof FileChangeSchema>;
