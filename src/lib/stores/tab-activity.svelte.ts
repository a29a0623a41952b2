// What each open tab shows besides its title: a turn running, a tool call waiting for a person, or output
// that arrived since the tab was last looked at. Read from the mirrored rows, so it follows every device.
import { Dexie } from 'dexie';
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { Session } from '$lib/core/model';
import type { RunnerDb } from '$lib/db/schema';
import { LiveQuery } from './live.svelte';

export type TabState = 'approval' | 'running' | 'unread' | null;

interface Progress {
	/**
	 * The session's newest message and when it last changed ('' when it has none): a reply that was already
	 * streaming when the reader left the tab changes it too, not only a message added later.
	 */
	mark: string;
	running: boolean;
}

async function progressOf(db: RunnerDb, sessionId: string): Promise<Progress> {
	const [last, lastPrompt] = await Promise.all([
		db.messages.where('[sessionId+seq]').between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey], true, true).last(),
		db.messages
			.where('[sessionId+kind+seq]')
			.between([sessionId, 'user', Dexie.minKey], [sessionId, 'user', Dexie.maxKey], true, true)
			.last()
	]);
	return { mark: last ? `${last.seq}@${last.updatedAt}` : '', running: lastPrompt?.state === 'running' };
}

export const TAB_STATE_LABELS: Record<Exclude<TabState, null>, string> = {
	approval: 'waiting for approval',
	running: 'running',
	unread: 'new output'
};

export class TabActivity {
	readonly #progress: LiveQuery<Map<string, Progress>, string[]>;
	/** The newest mark seen per session while its tab was active (or when this device first saw it). */
	readonly #seen = new SvelteMap<string, string>();

	constructor(db: RunnerDb, openIds: () => string[], activeId: () => string | null) {
		this.#progress = new LiveQuery(
			() => [...openIds()],
			async (ids) => new Map(await Promise.all(ids.map(async (id) => [id, await progressOf(db, id)] as const))),
			new Map()
		);
		$effect(() => {
			const active = activeId();
			const progress = this.#progress.current;
			untrack(() => {
				for (const [id, { mark }] of progress) {
					if (id === active || !this.#seen.has(id)) this.#seen.set(id, mark);
				}
			});
		});
	}

	stateOf(session: Session): TabState {
		if (session.awaitingApproval) return 'approval';
		const progress = this.#progress.current.get(session.id);
		if (!progress) return null;
		if (progress.running) return 'running';
		return progress.mark !== (this.#seen.get(session.id) ?? progress.mark) ? 'unread' : null;
	}
}
