// The Git panel's state for one session: the device's last copy first (so it shows at once and
// offline, marked stale), then the server's answer, which is kept for next time. Actions answer with
// the new status; a failed one keeps what is shown and says why.
import { GitStatusSchema, type GitFile, type GitStatus } from '$lib/core/git';
import type { RunnerDb } from '$lib/db/schema';
import type { ApiFailure, ApiResult } from '$lib/files/api';
import type { DiffSide, GitApi } from './api';

export interface ShownDiff {
	path: string;
	side: DiffSide;
	patch: string;
	stale: boolean;
}

export const sideOf = (file: GitFile, staged: boolean): DiffSide => (staged ? 'staged' : file.untracked ? 'untracked' : 'unstaged');

export class GitPanelState {
	status = $state.raw<GitStatus | null>(null);
	/** When the shown status was fetched. */
	fetchedAt = $state(0);
	/** Read from the device's copy and not confirmed by the server since. */
	stale = $state(false);
	/** Why the last request failed, until one succeeds. */
	problem = $state.raw<ApiFailure | null>(null);
	busy = $state(false);
	/** A draft of the commit message is on its way. */
	drafting = $state(false);
	diff = $state.raw<ShownDiff | null>(null);

	constructor(
		private readonly api: GitApi,
		private readonly db: RunnerDb,
		readonly sessionId: string,
		private readonly now: () => number = Date.now
	) {}

	async load(): Promise<void> {
		if (!this.status) {
			const copy = await this.db.gitViews.get([this.sessionId, 'status']);
			const parsed = GitStatusSchema.safeParse(copy?.value);
			if (copy && parsed.success && !this.status) {
				this.status = parsed.data;
				this.fetchedAt = copy.fetchedAt;
				this.stale = true;
			}
		}
		await this.#apply(await this.api.status(this.sessionId));
	}

	stage = (paths: string[]) => this.#act(() => this.api.stage(this.sessionId, paths));
	unstage = (paths: string[]) => this.#act(() => this.api.unstage(this.sessionId, paths));
	commit = (message: string) => this.#act(() => this.api.commit(this.sessionId, message));
	push = () => this.#act(() => this.api.push(this.sessionId));

	/** Claude's draft of a message for what is staged, or null (the problem says why). */
	async draftMessage(): Promise<string | null> {
		this.drafting = true;
		try {
			const result = await this.api.draftMessage(this.sessionId);
			if (result.ok) return result.value.message;
			this.problem = result;
			return null;
		} finally {
			this.drafting = false;
		}
	}

	async showDiff(path: string, side: DiffSide): Promise<void> {
		const key = `diff:${side}:${path}`;
		const result = await this.api.diff(this.sessionId, path, side);
		if (result.ok) {
			this.diff = { path, side, patch: result.value.patch, stale: false };
			await this.db.gitViews.put({ sessionId: this.sessionId, key, value: result.value.patch, fetchedAt: this.now() });
			return;
		}
		const copy = await this.db.gitViews.get([this.sessionId, key]);
		this.diff = typeof copy?.value === 'string' ? { path, side, patch: copy.value, stale: true } : null;
		this.problem = result;
	}

	/** True when the action succeeded. */
	async #act(action: () => Promise<ApiResult<GitStatus>>): Promise<boolean> {
		this.busy = true;
		try {
			return await this.#apply(await action());
		} finally {
			this.busy = false;
		}
	}

	async #apply(result: ApiResult<GitStatus>): Promise<boolean> {
		if (!result.ok) {
			this.problem = result;
			if (result.reason === 'offline') this.stale = this.status !== null;
			return false;
		}
		const at = this.now();
		this.status = result.value;
		this.fetchedAt = at;
		this.stale = false;
		this.problem = null;
		// A diff shown for a file that is no longer changed on that side would mislead.
		const shown = this.diff;
		if (shown && !this.#stillChanged(shown)) this.diff = null;
		await this.db.gitViews.put({ sessionId: this.sessionId, key: 'status', value: result.value, fetchedAt: at });
		return true;
	}

	#stillChanged(diff: ShownDiff): boolean {
		if (!this.status?.repo) return false;
		const file = this.status.files.find((f) => f.path === diff.path);
		if (!file) return false;
		return diff.side === 'staged' ? file.staged !== null : file.unstaged !== null || file.untracked;
	}
}
