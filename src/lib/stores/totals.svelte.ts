// A session's running totals (tokens and cost) over all its messages, not just the loaded window.
// Usage lands only when a reply closes, so it re-reads the session's assistant rows when the window's
// usage signature changes, rather than on every streamed delta. Each read waits until the browser is
// idle: a long session has thousands of such rows, and reading them would delay its first paint.
import { Dexie } from 'dexie';
import { sessionTotals, type SessionTotals } from '$lib/core/turns';
import type { MessageRow, RunnerDb } from '$lib/db/schema';
import { whenIdle } from './idle';

/** Changes whenever a message with usage appears, changes or leaves the loaded window. */
export function usageSignature(rows: MessageRow[]): string {
	let count = 0;
	let tokens = 0;
	for (const { meta } of rows) {
		if (!meta.usage) continue;
		count++;
		tokens += meta.usage.inputTokens + meta.usage.outputTokens + meta.usage.cacheReadTokens + meta.usage.cacheWriteTokens;
	}
	return `${rows[0]?.seq ?? -1}:${rows.length}:${count}:${tokens}`;
}

export function assistantRows(db: RunnerDb, sessionId: string): Promise<MessageRow[]> {
	return db.messages
		.where('[sessionId+kind+seq]')
		.between([sessionId, 'assistant', Dexie.minKey], [sessionId, 'assistant', Dexie.maxKey], true, true)
		.toArray();
}

export class TotalsQuery {
	current = $state.raw<SessionTotals | null>(null);

	constructor(db: RunnerDb, sessionId: string, signature: () => string) {
		$effect(() => {
			signature();
			let current = true;
			whenIdle(() => {
				if (!current) return;
				assistantRows(db, sessionId).then(
					(rows) => current && (this.current = sessionTotals(rows)),
					(error) => console.error('totals-read-failed', error)
				);
			});
			return () => (current = false);
		});
	}
}
