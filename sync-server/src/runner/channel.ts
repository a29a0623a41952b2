// An async queue between callbacks (SDK stream listeners) and an async generator that yields their
// events in order: `push` never blocks, iteration waits for the next item or the end.
export class Channel<T> implements AsyncIterable<T> {
	readonly #items: T[] = [];
	#wake: (() => void) | undefined;
	#ended = false;

	push(item: T): void {
		if (this.#ended) return;
		this.#items.push(item);
		this.#wake?.();
	}

	end(): void {
		this.#ended = true;
		this.#wake?.();
	}

	async *[Symbol.asyncIterator](): AsyncIterator<T> {
		for (;;) {
			while (this.#items.length) yield this.#items.shift() as T;
			if (this.#ended) return;
			await new Promise<void>((resolve) => (this.#wake = resolve));
			this.#wake = undefined;
		}
	}
}
