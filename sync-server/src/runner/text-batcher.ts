// Gathers streamed text into one document transaction per batch, so a reply costs one document update
// (stored, then synced to every device) per batch, never one per delta or character. The first delta
// after a quiet spell is written on the next event-loop turn (with whatever arrived in the same turn),
// adding no wait; while deltas keep coming, writes are at least `flushMs` apart, which bounds the
// updates a fast stream costs (each is a store write and a frame to every device) to 1000/flushMs a second.
import type * as Y from 'yjs';
import { appendText, type YMessage } from '../../../src/lib/core/ydoc';

export class TextBatcher {
	#buffer = '';
	#cancel: (() => void) | undefined;
	#lastWrite = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly doc: Y.Doc,
		private readonly target: YMessage,
		private readonly flushMs: number
	) {}

	push(delta: string): void {
		this.#buffer += delta;
		this.#cancel ??= this.#schedule(this.#lastWrite + this.flushMs - performance.now());
	}

	/** Writes what is buffered; `also` runs in the same transaction (the final state, usage). */
	flush(also?: () => void): void {
		this.#cancel?.();
		this.#cancel = undefined;
		const text = this.#buffer;
		this.#buffer = '';
		if (!text && !also) return;
		this.doc.transact(() => {
			if (text) appendText(this.target, text);
			also?.();
		});
		this.#lastWrite = performance.now();
	}

	#schedule(waitMs: number): () => void {
		if (waitMs > 0) {
			const timer = setTimeout(() => this.flush(), waitMs);
			return () => clearTimeout(timer);
		}
		const immediate = setImmediate(() => this.flush());
		return () => clearImmediate(immediate);
	}
}
