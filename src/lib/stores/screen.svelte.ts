// The open tabs (in order), the active one and the sessions panel, persisted per device on every change;
// each open tab holds its session doc open, so later a sync provider keeps exactly those docs live.
import { sessionDocName } from '$lib/core/docnames';
import type { DocRegistry } from '$lib/docs/registry';
import { readScreen, writeScreen, type Screen } from '$lib/db/screen';
import type { RunnerDb } from '$lib/db/schema';
import { whenIdle } from './idle';

export class ScreenState {
	openIds = $state<string[]>([]);
	activeId = $state<string | null>(null);
	sessionsPanel = $state(false);
	readonly #db: RunnerDb;
	/** Loads the docs layer on first use: a device with no open tab never needs it for this. */
	readonly #registry: () => Promise<DocRegistry>;
	/** Tabs whose doc this state holds open (opening is deferred, so not every open tab yet). */
	readonly #held = new Set<string>();

	constructor(db: RunnerDb, registry: () => Promise<DocRegistry>) {
		this.#db = db;
		this.#registry = registry;
	}

	async restore(): Promise<void> {
		const screen = await readScreen(this.#db);
		this.openIds = screen.openIds;
		this.activeId = screen.activeId;
		this.sessionsPanel = screen.sessionsPanel;
		for (const id of screen.openIds) this.#hold(id);
	}

	open(id: string): void {
		if (!this.openIds.includes(id)) {
			this.openIds.push(id);
			this.#hold(id);
		}
		this.activeId = id;
		this.#save();
	}

	activate(id: string): void {
		if (!this.openIds.includes(id) || this.activeId === id) return;
		this.activeId = id;
		this.#save();
	}

	/** Closing a tab keeps the session; the neighbour to the right (else left) becomes active. */
	close(id: string): void {
		const at = this.openIds.indexOf(id);
		if (at < 0) return;
		this.openIds.splice(at, 1);
		if (this.activeId === id) this.activeId = this.openIds[Math.min(at, this.openIds.length - 1)] ?? null;
		this.#release(id);
		this.#save();
	}

	setSessionsPanel(open: boolean): void {
		this.sessionsPanel = open;
		this.#save();
	}

	/** The stream reads mirrored rows, so the doc is opened once the browser is idle, after the first render. */
	#hold(id: string) {
		whenIdle(() => {
			if (!this.openIds.includes(id)) return;
			this.#held.add(id);
			this.#registry()
				.then((registry) => registry.open(sessionDocName(id)))
				.catch((error) => console.error('doc-open-failed', id, error));
		});
	}

	#release(id: string) {
		if (this.#held.delete(id)) void this.#registry().then((registry) => registry.release(sessionDocName(id)));
	}

	#save() {
		const screen: Screen = { openIds: [...this.openIds], activeId: this.activeId, sessionsPanel: this.sessionsPanel };
		writeScreen(this.#db, screen).catch((error) => console.error('screen-save-failed', error));
	}
}
