// The words a checklist's statuses read as (to a screen reader, beside the marks people see), and its progress line.
import type { Todo } from '$lib/core/model';

export const TODO_WORDS: Record<Todo['status'], string> = {
	completed: 'Done',
	in_progress: 'In progress',
	pending: 'To do'
};

export function todoProgress(todos: Todo[]): string {
	const done = todos.filter((t) => t.status === 'completed').length;
	const doing = todos.filter((t) => t.status === 'in_progress').length;
	return `Tasks: ${done} of ${todos.length} done${doing > 0 ? ` · ${doing} in progress` : ''}`;
}
