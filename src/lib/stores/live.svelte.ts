// Bridges a Dexie liveQuery into runes: `current` follows the query while the owning component lives.
// Reactive inputs are read in `key`, so a change there re-subscribes with the new input.
import { liveQuery } from 'dexie';

export class LiveQuery<T, K = void> {
	current = $state.raw() as T;
	loaded = $state(false);

	/**
	 * `delivered` sees each value once it is `current`: state that changes the key belongs there, since a new
	 * key drops the old subscription, and a value its query had resolved but not yet delivered with it.
	 */
	constructor(key: () => K, query: (key: K) => Promise<T>, initial: T, delivered?: (value: T, key: K) => void) {
		this.current = initial;
		$effect(() => {
			const input = key();
			const subscription = liveQuery(() => query(input)).subscribe({
				next: (value) => {
					this.current = value;
					this.loaded = true;
					delivered?.(value, input);
				},
				error: (error) => console.error('live-query-failed', error)
			});
			return () => subscription.unsubscribe();
		});
	}
}
