// Gathers streamed text into one document transaction per interval, so a reply costs tens of
// document updates (each synced to every device), not one per delta.
import type * as Y from 'yjs';
import { appendText, type YMessage } from '../../../src/lib/core/ydoc';

export class TextBatcher {
	#buffer = '';
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly doc: Y.Doc,
		private readonly target: YMessage,
		private readonly flushMs: number
	) {}

	push(delta: string): void {
		this.#buffer += delta;
		this.#timer ??= setTimeout(() => this.flush(), this.flushMs);
	}

	/** Writes what is buffered; `also` runs in the same transaction (the final state, usage). */
	flush(also?: () => void): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const text = this.#buffer;
		this.#buffer = '';
		if (!text && !also) return;
		this.doc.transact(() => {
			if (text) appendText(this.target, text);
			also?.();
		});
	}
}
