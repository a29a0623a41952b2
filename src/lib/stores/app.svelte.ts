// The runner screen's state: one instance per mounted app, made by `createAppState` and handed down by context.
// It owns the database, the local docs and the write path; components read it and call its methods.
// The docs layer (Yjs) loads on first need: see `engine()`.
import { getContext, setContext, tick } from 'svelte';
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_PROMPT, MAX_PROMPT_IMAGE_BYTES } from '$lib/core/image-checks';
import type { Engine, Session } from '$lib/core/model';
import type { ActionError, SessionActions } from '$lib/docs/actions';
import type { DocsEngine } from '$lib/docs/engine';
import type { LocalDocs } from '$lib/docs/local';
import type { RunnerDb } from '$lib/db/schema';
import { openRowsDb } from '$lib/db/tables';
import { allSessions } from '$lib/db/sessions';
import type { SearchService } from '$lib/search/service';
import { ConnectionState } from './connection.svelte';
import { LiveQuery } from './live.svelte';
import { ScreenState } from './screen.svelte';
import type { ScrollPlace } from '$lib/components/stream/virtual';
import { deviceLabel } from '$lib/components/approvals/device-label';

const KEY = Symbol('app-state');

const REASONS: Record<ActionError, string> = {
	'title-invalid': 'A session name needs 1 to 200 characters.',
	'prompt-empty': 'The prompt is empty.',
	'prompt-too-long': 'The prompt is too long (at most 100,000 characters).',
	'session-missing': 'That session no longer exists on this device.',
	'session-ended': 'This session has ended; it is read-only.',
	'approval-closed': 'That request was already answered, or its turn has ended.',
	'turn-not-retryable': 'That turn cannot run again: it has been retried already, or it did not fail.',
	'not-a-prompt': 'Only a prompt can be forked from.',
	'turn-unfinished': 'A turn before that prompt is still running: fork once it has finished.',
	'image-type': 'Only PNG, JPEG, GIF and WebP images can be sent.',
	'image-too-large': `An image may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB, and a prompt's images ${MAX_PROMPT_IMAGE_BYTES / 1024 / 1024} MiB together.`,
	'too-many-images': `A prompt takes at most ${MAX_IMAGES_PER_PROMPT} images.`,
	'image-missing': 'An image of this prompt is missing on this device.'
};

export type Dialog =
	| 'new-session'
	| 'help'
	| 'devices'
	| { confirmDelete: string }
	| { confirmEnd: string }
	/** Export this session (an id) or everything (null), and import. */
	| { transfer: string | null }
	/** Search the active session or every session. */
	| { search: 'session' | 'all' }
	| null;

/** Actions that wait for the docs layer to load, then run: callers need not know it loads lazily. */
function deferredActions(load: () => Promise<SessionActions>): SessionActions {
	return new Proxy({} as SessionActions, {
		get: (_, name) => async (...args: unknown[]) => {
			const actions = (await load()) as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>;
			return actions[name](...args);
		}
	});
}

export class AppState {
	readonly db: RunnerDb;
	readonly actions: SessionActions;
	readonly connection = new ConnectionState();
	readonly screen: ScreenState;
	readonly #sessions: LiveQuery<Session[]>;
	/** Unsent text per session, kept in memory too so switching tabs shows it without a wait. */
	readonly drafts = new Map<string, string>();
	/** Where the reader was in each session scrolled up from the latest (absent: following the latest). */
	readonly scrollPlaces = new Map<string, ScrollPlace>();
	ready = $state(false);
	dialog = $state<Dialog>(null);
	tabsMenuOpen = $state(false);
	/** The last failure to show; one that arose in a session shows on that session's tab only. */
	notice = $state<{ text: string; sessionId?: string } | null>(null);
	/** Set when the active session's prompt should take focus; the prompt clears it. */
	promptFocus = $state(false);
	/** Entries of the session index this version could not read, left out of the list (the list says so). */
	unreadableSessions = $state(0);
	/** A message to bring into view once its session shows (an opened search result). */
	reveal = $state<{ sessionId: string; messageId: string; seq: number } | null>(null);
	#search: Promise<SearchService> | null = null;

	readonly sessionsById: Map<string, Session>;
	/** Open tabs whose session exists (a tab of a session deleted elsewhere is not shown). */
	readonly openSessions: Session[];
	readonly active: Session | undefined;
	#engine: Promise<DocsEngine> | null = null;
	#closed = false;

	constructor(db: RunnerDb) {
		this.db = db;
		this.actions = deferredActions(() => this.engine().then((e) => e.actions));
		this.screen = new ScreenState(db, () => this.localDocs().then((docs) => docs.registry));
		this.#sessions = new LiveQuery(() => undefined, () => allSessions(db), []);
		this.sessionsById = $derived(new Map(this.sessions.map((s) => [s.id, s])));
		this.openSessions = $derived(this.screen.openIds.flatMap((id) => this.sessionsById.get(id) ?? []));
		this.active = $derived(this.screen.activeId ? this.sessionsById.get(this.screen.activeId) : undefined);
	}

	get sessions(): Session[] {
		return this.#sessions.current;
	}

	async start(): Promise<void> {
		await this.screen.restore();
		this.ready = true;
		// Sync is extra: the app works on local storage whether or not it connects.
		this.connection.start(() => this.localDocs()).catch((error) => console.error('sync-start-failed', error));
	}

	/** The docs layer, loaded and started on first call (a sign-in, an open tab, an action). */
	engine(): Promise<DocsEngine> {
		return (this.#engine ??= import('$lib/docs/engine').then(async ({ startEngine }) => {
			const engine = await startEngine(
				this.db,
				() => this.connection.model,
				(count) => (this.unreadableSessions = count)
			);
			if (this.#closed) engine.close();
			return engine;
		}));
	}

	localDocs(): Promise<LocalDocs> {
		return this.engine().then((e) => e.docs);
	}

	async createSession(title: string, workspace?: string, engine?: Engine): Promise<boolean> {
		const result = await this.actions.createSession(title, workspace, engine);
		if (!result.ok) return this.#fail(result.error);
		this.screen.open(result.value.id);
		return true;
	}

	/** Opens (or switches to) a session's tab, ready to type into. */
	openSession(id: string): void {
		this.screen.open(id);
		this.tabsMenuOpen = false;
		void this.focusPrompt();
	}

	/**
	 * Asks the active session's prompt to take focus (it does once rendered, see PromptBox), after a closing
	 * dialog has handed focus back to its opener: else a space typed next would press "New session" again.
	 */
	async focusPrompt(): Promise<void> {
		await tick();
		this.promptFocus = true;
	}

	/** Opens a session scrolled to one of its messages. */
	openAt(sessionId: string, messageId: string, seq: number): void {
		this.reveal = { sessionId, messageId, seq };
		this.openSession(sessionId);
	}

	/** The search index, loaded (with MiniSearch) on first use and kept current from then on. */
	search(): Promise<SearchService> {
		// The docs layer's connection: the mirror writes through it, so its change feed sees messages stream.
		this.#search ??= Promise.all([import('$lib/search/service'), this.localDocs()]).then(([m, docs]) => m.openSearch(docs.db));
		this.#search.catch(() => (this.#search = null));
		return this.#search;
	}

	/** Forks a session before one of its prompts and opens the fork, that prompt in its prompt box. */
	async fork(sessionId: string, promptId: string): Promise<boolean> {
		const result = await this.actions.forkSession(sessionId, promptId);
		if (!result.ok) return this.#fail(result.error, sessionId);
		this.openSession(result.value.id);
		return true;
	}

	async rename(id: string, title: string): Promise<boolean> {
		const result = await this.actions.renameSession(id, title);
		return result.ok || this.#fail(result.error);
	}

	async end(id: string): Promise<void> {
		const result = await this.actions.endSession(id, deviceLabel());
		if (!result.ok) this.#fail(result.error);
	}

	async reopen(id: string): Promise<void> {
		const result = await this.actions.reopenSession(id);
		if (!result.ok) this.#fail(result.error);
	}

	async remove(id: string): Promise<void> {
		this.screen.close(id);
		this.drafts.delete(id);
		const result = await this.actions.deleteSession(id);
		if (!result.ok) this.#fail(result.error);
	}

	/** Shows why an action failed; returns false so callers can pass it on. */
	report(error: ActionError, sessionId?: string): false {
		return this.#fail(error, sessionId);
	}

	/** Clears a notice that arose in this session (the person is fixing what it was about). */
	clearNotice(sessionId: string): void {
		if (this.notice?.sessionId === sessionId) this.notice = null;
	}

	/** The notice for what is on screen now. */
	get visibleNotice(): string | null {
		const notice = this.notice;
		if (!notice || (notice.sessionId && notice.sessionId !== this.screen.activeId)) return null;
		return notice.text;
	}

	close(): void {
		this.#closed = true;
		this.#search?.then((search) => search.close(), () => undefined);
		this.connection.stop();
		this.#engine?.then((e) => e.close(), () => undefined);
		this.db.close();
	}

	#fail(error: ActionError, sessionId?: string): false {
		this.notice = { text: REASONS[error], sessionId };
		return false;
	}
}

export function createAppState(dbName?: string): AppState {
	return new AppState(openRowsDb(dbName));
}

export function setAppState(app: AppState): AppState {
	return setContext(KEY, app);
}

export function getAppState(): AppState {
	const app = getContext<AppState | undefined>(KEY);
	if (!app) throw new Error('getAppState() outside the runner app');
	return app;
}
