// Subagent work (messages with `meta.parentToolUseId`) shown under the Task/Agent call that started it,
// in one pass over the loaded rows. A subagent's own subagents fold into the same top call; work whose
// call is not loaded (an older page) stays in the stream, so nothing is ever hidden without its call.
import type { Message } from '$lib/core/model';

export interface StreamEntry<M extends Message> {
	row: M;
	/** The subagent messages under this call, in stream order. */
	children: M[];
}

export function groupSubagents<M extends Message>(rows: M[]): StreamEntry<M>[] {
	const calls = new Map<string, M>();
	for (const row of rows) if (row.kind === 'tool_call' && row.meta.toolUseId) calls.set(row.meta.toolUseId, row);

	/** The outermost loaded call a message belongs under, or undefined when it stands on its own. */
	const rootOf = (row: M): M | undefined => {
		let root: M | undefined;
		const seen = new Set<string>();
		for (let parent = row.meta.parentToolUseId; parent && !seen.has(parent); parent = calls.get(parent)?.meta.parentToolUseId) {
			seen.add(parent);
			const call = calls.get(parent);
			if (!call) break;
			root = call;
		}
		return root;
	};

	const entries: StreamEntry<M>[] = [];
	const byId = new Map<string, StreamEntry<M>>();
	for (const row of rows) {
		const root = rootOf(row);
		const parent = root && byId.get(root.id);
		if (parent) parent.children.push(row);
		else {
			const entry = { row, children: [] };
			entries.push(entry);
			byId.set(row.id, entry);
		}
	}
	return entries;
}
