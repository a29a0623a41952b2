// Where the stream offers Retry: on the last reply of each turn that `canRetry` allows, computed in one
// pass over the loaded rows (the per-prompt core helpers would cost O(prompts × rows) on every update).
import type { Message } from '$lib/core/model';

interface TurnSeen {
	failed: boolean;
	interrupted: boolean;
	lastReplyId: string | undefined;
}

/** Maps the id of the message that should carry Retry to the prompt a retry runs again. */
export function retryOffers<M extends Message>(rows: M[]): Map<string, M> {
	const turns = new Map<string, TurnSeen>();
	const retried = new Set<string>();
	for (const m of rows) {
		if (m.meta.retryOf) retried.add(m.meta.retryOf);
		const promptId = m.meta.replyTo;
		if (!promptId) continue;
		const turn = turns.get(promptId) ?? { failed: false, interrupted: false, lastReplyId: undefined };
		if (m.kind === 'error' || m.state === 'error') turn.failed = true;
		if (m.state === 'interrupted') turn.interrupted = true;
		turn.lastReplyId = m.id;
		turns.set(promptId, turn);
	}
	const offers = new Map<string, M>();
	for (const m of rows) {
		if (m.kind !== 'user' || m.state === 'queued' || m.state === 'running' || retried.has(m.id)) continue;
		const turn = turns.get(m.id);
		if (turn?.lastReplyId && (turn.failed || turn.interrupted)) offers.set(turn.lastReplyId, m);
	}
	return offers;
}
