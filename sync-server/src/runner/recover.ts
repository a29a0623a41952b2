// A turn no live process is running must not look alive: when a document loads without a turn of
// this process in it, streaming messages become interrupted and running prompts done, so the
// person sees what arrived and a Retry, never a reply that streams forever (nor a call that waits for approval forever).
import type * as Y from 'yjs';
import { cancelStaleApprovals } from '../../../src/lib/core/approvals';
import { newId } from '../../../src/lib/core/ids';
import { appendMessage, messageId, messagesArray, messageState, patchMessage } from '../../../src/lib/core/ydoc';

/** Returns the ids of the prompts whose turns it cut off. */
export function interruptStale(doc: Y.Doc, now = Date.now()): string[] {
	const cut: string[] = [];
	const marked = new Set<string>();
	doc.transact(() => {
		cancelStaleApprovals(doc, now);
		for (const ymap of messagesArray(doc)) {
			const replyTo = (ymap.get('meta') as { replyTo?: string } | undefined)?.replyTo;
			if (messageState(ymap) === 'streaming') {
				patchMessage(ymap, { state: 'interrupted' }, now);
				if (replyTo) cut.push(replyTo);
			}
			if (replyTo && messageState(ymap) === 'interrupted') marked.add(replyTo);
			if (ymap.get('kind') === 'user' && messageState(ymap) === 'running') {
				patchMessage(ymap, { state: 'done' }, now);
				cut.push(messageId(ymap));
			}
		}
		// A turn cut with nothing streaming (before its first reply, between tool rounds, while a tool ran or
		// waited for approval) still needs an interrupted reply: that is what shows it was cut and offers Retry.
		for (const id of new Set(cut)) {
			if (marked.has(id)) continue;
			appendMessage(doc, { id: newId(now), kind: 'assistant', text: '', state: 'interrupted', createdAt: now, meta: { replyTo: id } });
		}
	});
	return [...new Set(cut)];
}
