// Gathers streamed text into one document transaction per batch, so a reply costs one document update
// (synced to every device) per burst of upstream chunks, never one per delta or character. By default a
// batch is whatever arrived in the same event-loop turn (flushed on setImmediate, after the I/O that
// delivered it), which adds no waiting; a positive `flushMs` gathers for that long instead.
import type * as Y from 'yjs';
import { appendText, type YMessage } from '../../../src/lib/core/ydoc';

export class TextBatcher {
	#buffer = '';
	#cancel: (() => void) | undefined;

	constructor(
		private readonly doc: Y.Doc,
		private readonly target: YMessage,
		private readonly flushMs: number
	) {}

	push(delta: string): void {
		this.#buffer += delta;
		this.#cancel ??= this.#schedule(() => this.flush());
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
	}

	#schedule(fn: () => void): () => void {
		if (this.flushMs > 0) {
			const timer = setTimeout(fn, this.flushMs);
			return () => clearTimeout(timer);
		}
		const immediate = setImmediate(fn);
		return () => clearImmediate(immediate);
	}
}
