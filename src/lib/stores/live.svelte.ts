// Bridges a Dexie liveQuery into runes: `current` follows the query while the owning component lives.
// Reactive inputs are read in `key`, so a change there re-subscribes with the new input.
import { liveQuery } from 'dexie';

export class LiveQuery<T, K = void> {
	current = $state.raw() as T;
	loaded = $state(false);

	constructor(key: () => K, query: (key: K) => Promise<T>, initial: T) {
		this.current = initial;
		$effect(() => {
			const input = key();
			const subscription = liveQuery(() => query(input)).subscribe({
				next: (value) => {
					this.current = value;
					this.loaded = true;
				},
				error: (error) => console.error('live-query-failed', error)
			});
			return () => subscription.unsubscribe();
		});
	}
}
