// Up/Down through one session's earlier prompts, shell-style: the text being typed is kept and comes back
// when the reader walks forward past the newest prompt. Steps run in order even when keys repeat fast.
export type FetchPrompt = (back: number) => Promise<string | undefined>;

export class PromptHistory {
	#index = -1;
	#stash = '';
	#seen: string[] = [];
	#queue: Promise<unknown> = Promise.resolve();
	readonly #fetch: FetchPrompt;

	constructor(fetch: FetchPrompt) {
		this.#fetch = fetch;
	}

	get browsing(): boolean {
		return this.#index >= 0;
	}

	/** The next older prompt, or undefined at the oldest (the box keeps its text then). */
	back(current: string): Promise<string | undefined> {
		return this.#step(async () => {
			const next = this.#index + 1;
			const text = this.#seen[next] ?? (await this.#fetch(next));
			if (text === undefined) return undefined;
			if (this.#index === -1) this.#stash = current;
			this.#seen[next] = text;
			this.#index = next;
			return text;
		});
	}

	/** The next newer prompt, the stashed text past the newest, or undefined when not browsing. */
	forward(): Promise<string | undefined> {
		return this.#step(async () => {
			if (this.#index < 0) return undefined;
			this.#index--;
			return this.#index === -1 ? this.#stash : this.#seen[this.#index];
		});
	}

	/** After a send the history has a new newest entry, so browsing starts over. */
	reset(): void {
		this.#index = -1;
		this.#stash = '';
		this.#seen = [];
	}

	#step<T>(run: () => Promise<T>): Promise<T> {
		const result = this.#queue.then(run);
		this.#queue = result.catch(() => undefined);
		return result;
	}
}
