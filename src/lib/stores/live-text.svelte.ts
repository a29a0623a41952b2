// The text of a message while it streams, read from its document rather than its Dexie row (see
// docs/live-text.ts); null until the document is open. The docs layer loads lazily, so this does too.
import type { AppState } from './app.svelte';

export class LiveText {
	text = $state<string | null>(null);
	#stop: (() => void) | null = null;
	#closed = false;

	constructor(app: Pick<AppState, 'localDocs'>, sessionId: string, messageId: string) {
		Promise.all([import('$lib/docs/live-text'), app.localDocs()])
			.then(([{ watchMessageText }, docs]) => watchMessageText(docs.registry, sessionId, messageId, (text) => (this.text = text)))
			.then((stop) => {
				if (this.#closed) stop();
				else this.#stop = stop;
			})
			.catch((error) => console.error('live-text-failed', error));
	}

	close(): void {
		this.#closed = true;
		this.#stop?.();
	}
}
