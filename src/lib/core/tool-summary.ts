// How a tool call reads in one line for people (the stream, approvals, notifications). Kept apart from the
// tool schemas (tools.ts), so the first screen can name tool calls without loading zod.
import { isToolName } from './tool-names';

const SUMMARY_CHARS = 80;

/**
 * A short line naming a tool call for people, e.g. `edit src/app.ts` or `bash: npm test`; Claude Code's
 * tools too (`Write /abs/path`, `Task: review the diff`), keeping the end of a long path, where its name is.
 */
export function toolCallSummary(name: string, input: unknown, folder?: string): string {
	const fields = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
	const short = (value: string) => (value.length > SUMMARY_CHARS ? `${value.slice(0, SUMMARY_CHARS - 1)}…` : value);
	const withPath = (given: string) => {
		// Claude Code's tools take absolute paths: inside the session's folder, the part after it says enough.
		const path = folder && given.startsWith(`${folder}/`) ? given.slice(folder.length + 1) : given;
		const room = SUMMARY_CHARS - name.length - 1;
		return `${name} ${path.length > room ? `…${path.slice(-(room - 1))}` : path}`;
	};
	switch (name) {
		case 'bash':
		case 'Bash':
			return short(`${name}: ${text('command').split('\n')[0]}`);
		case 'glob':
		case 'search':
		case 'Glob':
		case 'Grep':
			return short(`${name} ${text('pattern')}${text('path') ? ` in ${text('path')}` : ''}`);
		case 'Read':
		case 'Write':
		case 'Edit':
		case 'MultiEdit':
			return withPath(text('file_path'));
		case 'NotebookEdit':
			return withPath(text('notebook_path'));
		case 'WebFetch':
			return short(`${name} ${text('url')}`);
		case 'WebSearch':
			return short(`${name} ${text('query')}`);
		case 'Task':
		case 'Agent':
			return short(`${name}: ${text('description') || text('subagent_type')}`);
		case 'TodoWrite':
			return 'TodoWrite';
		case 'ExitPlanMode':
			return 'ExitPlanMode: a plan to review';
		case 'AskUserQuestion': {
			const first = (Array.isArray(fields.questions) ? fields.questions[0] : undefined) as { question?: unknown } | undefined;
			return short(`${name}: ${typeof first?.question === 'string' ? first.question : ''}`);
		}
		default:
			return short(`${name} ${text('path') || (isToolName(name) ? '.' : '')}`.trim());
	}
}
