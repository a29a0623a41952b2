// The turn machine (turn-machine.ts) carried out on a session document: each accepted event's effects
// are written in one transaction, so every device sees a turn move from one legal state to the next.
import type * as Y from 'yjs';
import { cancelStaleApprovals } from './approvals';
import { newId } from './ids';
import type { MessageState } from './model';
import { transition, QUEUED, type TurnEffect, type TurnEvent, type TurnState } from './turn-machine';
import { clearStop } from './turns';
import { appendMessage, messageId, messagesArray, messageState, patchMessage, type YMessage } from './ydoc';

const REFUSED = 'This session had ended before this prompt reached the server, so it was not run.';

const replyTo = (ymap: YMessage) => (ymap.get('meta') as { replyTo?: string } | undefined)?.replyTo;

/** One prompt's turn as the server runs it; `apply` refuses an event the machine does not allow. */
export class DocTurn {
	readonly promptId: string;

	constructor(
		private readonly doc: Y.Doc,
		private readonly prompt: YMessage,
		private readonly now: () => number = Date.now,
		public state: TurnState = QUEUED
	) {
		this.promptId = messageId(prompt);
	}

	apply(event: TurnEvent): boolean {
		const next = transition(this.state, event);
		if (!next.ok) return false;
		this.state = next.state;
		if (next.effects.length) this.doc.transact(() => next.effects.forEach((effect) => this.#effect(effect)));
		return true;
	}

	#effect(effect: TurnEffect): void {
		const now = this.now();
		switch (effect.type) {
			case 'prompt':
				patchMessage(this.prompt, { state: effect.state, meta: { waitReason: undefined } }, now);
				return;
			case 'close-replies':
				for (const ymap of messagesArray(this.doc)) {
					if (replyTo(ymap) === this.promptId && messageState(ymap) === 'streaming') patchMessage(ymap, { state: effect.state }, now);
				}
				return;
			case 'interrupted-reply':
				appendMessage(this.doc, { id: newId(now), kind: 'assistant', text: '', state: 'interrupted', createdAt: now, meta: { replyTo: this.promptId } });
				return;
			case 'mark-stopped':
				for (const ymap of messagesArray(this.doc)) {
					if (replyTo(ymap) === this.promptId && messageState(ymap) === 'interrupted') patchMessage(ymap, { meta: { stopped: true } }, now);
				}
				return;
			case 'refusal-note':
				appendMessage(this.doc, { id: newId(now), kind: 'system', text: REFUSED, state: 'done', createdAt: now, meta: { replyTo: this.promptId } });
				return;
			case 'clear-stop':
				clearStop(this.doc, this.promptId);
				return;
		}
	}
}

/**
 * After a restart, no turn of this process is live in the document: every running turn (or one with a
 * reply still streaming) is `lost`, and no approval waits. Returns the ids of the prompts it cut off.
 */
export function recoverTurns(doc: Y.Doc, now: () => number = Date.now): string[] {
	const prompts = new Map<string, YMessage>();
	/** Prompts whose turn is open here, with the replies still streaming. */
	const open = new Map<string, number>();
	const interrupted = new Set<string>();
	for (const ymap of messagesArray(doc)) {
		const state: MessageState = messageState(ymap);
		const id = ymap.get('kind') === 'user' ? messageId(ymap) : replyTo(ymap);
		if (!id) continue;
		if (ymap.get('kind') === 'user') {
			prompts.set(id, ymap);
			if (state === 'running') open.set(id, open.get(id) ?? 0);
		} else if (state === 'streaming') open.set(id, (open.get(id) ?? 0) + 1);
		else if (state === 'interrupted') interrupted.add(id);
	}
	const cut: string[] = [];
	doc.transact(() => {
		cancelStaleApprovals(doc, now());
		for (const [id, streaming] of open) {
			const prompt = prompts.get(id);
			if (!prompt) continue;
			new DocTurn(doc, prompt, now, { phase: 'running', streaming, cut: interrupted.has(id) }).apply({ type: 'lost' });
			cut.push(id);
		}
	});
	return cut;
}
