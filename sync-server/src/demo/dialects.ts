// The demo speaks each engine's tool dialect, read from the request it answers: the Messages API engine
// offers our tools (write, edit, bash: paths relative to the folder), Claude Code offers its own (Write,
// Edit, Bash: absolute `file_path`, the folder named in its system prompt).
import { claudeCodeTools } from './claude-code-tools';
import type { ScriptedBlock } from './script';
import type { DemoAction } from './tour';

export interface Dialect {
	/** Whether the request offers the tool this action needs. */
	offers(action: DemoAction): boolean;
	toolUse(action: DemoAction): Extract<ScriptedBlock, { type: 'tool_use' }>;
}

interface RequestShape {
	tools?: Array<{ name?: unknown }>;
	system?: unknown;
	messages?: Array<{ role?: unknown; content?: unknown }>;
}

const OURS = { write: 'write', edit: 'edit', bash: 'bash' } as const;
const CLAUDE_CODE = { write: 'Write', edit: 'Edit', bash: 'Bash' } as const;

const textOf = (content: unknown): string =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((b) => textOf((b as { text?: unknown }).text)).join('\n') : '';

/** The folder Claude Code names in its system prompt ("Primary working directory: /path"): in the top-level
 *  `system`, or, in versions that send per-turn system messages, in a `messages` entry with role 'system'. */
export function workingDirectory(body: unknown): string | undefined {
	const request = (body ?? {}) as RequestShape;
	const system = [request.system, ...(request.messages ?? []).filter((m) => m.role === 'system').map((m) => m.content)];
	return /Primary working directory: (\S.*)$/m.exec(system.map(textOf).join('\n'))?.[1]?.trim();
}

export function dialectOf(body: unknown): Dialect {
	const request = (body ?? {}) as RequestShape;
	const names = new Set((request.tools ?? []).map((t) => t.name));
	const cwd = workingDirectory(request);
	if (names.has(CLAUDE_CODE.write) && cwd) {
		const at = (path: string) => `${cwd.replace(/\/+$/, '')}/${path}`;
		return {
			offers: (action) => names.has(CLAUDE_CODE[action.tool]),
			toolUse: (action) => {
				switch (action.tool) {
					case 'write':
						return { type: 'tool_use', ...claudeCodeTools.write(at(action.path), action.content) };
					case 'edit':
						return { type: 'tool_use', ...claudeCodeTools.edit(at(action.path), action.oldText, action.newText) };
					case 'bash':
						return { type: 'tool_use', ...claudeCodeTools.bash(action.command, action.description) };
				}
			}
		};
	}
	return {
		offers: (action) => names.has(OURS[action.tool]),
		toolUse: (action) => {
			const name = OURS[action.tool];
			switch (action.tool) {
				case 'write':
					return { type: 'tool_use', name, input: { path: action.path, content: action.content } };
				case 'edit':
					return { type: 'tool_use', name, input: { path: action.path, old_string: action.oldText, new_string: action.newText } };
				case 'bash':
					return { type: 'tool_use', name, input: { command: action.command } };
			}
		}
	};
}
