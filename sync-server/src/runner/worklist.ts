// Which documents have unfinished turns, kept by the store so a restarted server resumes them.
// The runner marks a session pending when it finds queued prompts, and clears it once none are left.
import { docKey } from '../sync/host';

export interface WorkItem {
	tenant: string;
	doc: string;
}

/** The part of the store the runner uses. */
export interface WorkList {
	setPending(tenant: string, doc: string, pending: boolean): Promise<void>;
	listPending(): Promise<WorkItem[]>;
}

/** For tests and a server without a durable store. */
export function memoryWorkList(initial: WorkItem[] = []): WorkList & { pending: Set<string> } {
	const pending = new Set(initial.map((w) => docKey(w.tenant, w.doc)));
	return {
		pending,
		async setPending(tenant, doc, on) {
			if (on) pending.add(docKey(tenant, doc));
			else pending.delete(docKey(tenant, doc));
		},
		async listPending() {
			return [...pending].map((k) => {
				const [tenant, doc] = JSON.parse(k) as [string, string];
				return { tenant, doc };
			});
		}
	};
}
