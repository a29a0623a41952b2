// Claude Code's own tools as its model calls them (names and input fields from the Agent SDK's
// sdk-tools.d.ts), for scripting the fake Anthropic server: tests and the demo model's Claude Code dialect.
// Paths are absolute, as Claude Code requires. Wrap calls in `toolUse` (script.ts) to make a reply.
import type { ScriptedCall } from './script';

export interface TodoItem {
	content: string;
	status: 'pending' | 'in_progress' | 'completed';
	/** What the checklist shows while the item runs; the content when unset. */
	activeForm?: string;
}

const call = (name: string, input: Record<string, unknown>, id: string | undefined): ScriptedCall => ({ name, input, ...(id ? { id } : {}) });

export const claudeCodeTools = {
	write: (filePath: string, content: string, id?: string) => call('Write', { file_path: filePath, content }, id),
	edit: (filePath: string, oldString: string, newString: string, id?: string) =>
		call('Edit', { file_path: filePath, old_string: oldString, new_string: newString }, id),
	bash: (command: string, description: string, id?: string) => call('Bash', { command, description }, id),
	todoWrite: (todos: TodoItem[], id?: string) =>
		call('TodoWrite', { todos: todos.map((todo) => ({ ...todo, activeForm: todo.activeForm ?? todo.content })) }, id),
	/**
	 * The end of planning. Its input holds no plan: Claude Code drops one given here and reads the plan
	 * from the plan file its model wrote first (tests/helpers/claude-plan.ts scripts both steps).
	 */
	exitPlanMode: (id?: string) => call('ExitPlanMode', {}, id)
};
