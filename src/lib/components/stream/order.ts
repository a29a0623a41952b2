// The order a conversation reads in: each reply right after the prompt it answers, and prompts that have
// not started below the last reply. The document keeps messages in the order they were written, where a
// prompt queued during a turn lands before that turn's reply.
import type { Message } from '$lib/core/model';

const isWaiting = (m: Message) => m.kind === 'user' && m.state === 'queued';

export function conversationOrder<T extends Message>(rows: readonly T[]): T[] {
	const present = new Set(rows.map((r) => r.id));
	const answers = (m: T) => m.meta.replyTo !== undefined && present.has(m.meta.replyTo);
	const replies = new Map<string, T[]>();
	for (const row of rows) {
		if (!answers(row)) continue;
		const list = replies.get(row.meta.replyTo!) ?? [];
		list.push(row);
		replies.set(row.meta.replyTo!, list);
	}
	const started: T[] = [];
	const waiting: T[] = [];
	for (const row of rows) {
		if (answers(row)) continue;
		(isWaiting(row) ? waiting : started).push(row, ...(replies.get(row.id) ?? []));
	}
	return [...started, ...waiting];
}

/** Queued prompts that wait for an earlier turn of the same session (running, or queued before them). */
export function waitingBehind(rows: readonly Message[]): Set<string> {
	const behind = new Set<string>();
	let ahead = rows.some((m) => m.kind === 'user' && m.state === 'running');
	for (const row of rows) {
		if (!isWaiting(row)) continue;
		if (ahead) behind.add(row.id);
		ahead = true;
	}
	return behind;
}
