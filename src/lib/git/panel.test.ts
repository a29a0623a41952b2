import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitRepoStatus, GitStatus } from '$lib/core/git';
import { newId } from '$lib/core/ids';
import { openDb, type RunnerDb } from '$lib/db/schema';
import type { ApiResult } from '$lib/files/api';
import type { GitApi } from './api';
import { GitPanelState } from './panel.svelte';

let db: RunnerDb;
afterEach(() => db?.close());

const changed: GitRepoStatus = {
	repo: true,
	branch: 'main',
	tracking: null,
	ahead: 0,
	behind: 0,
	files: [{ path: 'a.txt', staged: null, unstaged: 'M', untracked: false, conflicted: false }],
	log: [{ hash: 'a'.repeat(40), subject: 'first', author: 'T', date: '2026-12-01T10:00:00Z' }],
	remotes: []
};
const OFFLINE = { ok: false, reason: 'offline', message: 'The server cannot be reached.' } as const;

/** A server whose answers the test sets, and that can be unreachable. */
function fakeServer() {
	const state = { status: changed as GitStatus, offline: false, patch: '--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+y\n' };
	const answer = async (): Promise<ApiResult<GitStatus>> => (state.offline ? OFFLINE : { ok: true, value: state.status });
	const api: GitApi = {
		status: answer,
		diff: async (_id, path) => (state.offline ? OFFLINE : { ok: true, value: { path, patch: state.patch } }),
		stage: async () => {
			state.status = { ...changed, files: [{ ...changed.files[0], staged: 'M', unstaged: null }] };
			return answer();
		},
		unstage: answer,
		commit: async (_id, message) => {
			if (state.offline) return OFFLINE;
			state.status = { ...changed, files: [], log: [{ ...changed.log[0], hash: 'b'.repeat(40), subject: message }, ...changed.log] };
			return answer();
		},
		push: answer,
		draftMessage: async () => (state.offline ? OFFLINE : { ok: true, value: { message: 'Change a.txt' } }),
		finishWorktree: async () => OFFLINE
	};
	return { state, api };
}

describe('git panel state', () => {
	it('shows the server’s status, and the last one from the device offline, marked stale', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer();
		const online = new GitPanelState(server.api, db, 's1', () => 1000);
		await online.load();
		expect(online.status).toEqual(changed);
		expect(online.stale).toBe(false);
		await online.showDiff('a.txt', 'unstaged');

		server.state.offline = true;
		const later = new GitPanelState(server.api, db, 's1');
		await later.load();
		expect(later.status).toEqual(changed);
		expect(later.stale).toBe(true);
		expect(later.fetchedAt).toBe(1000);
		await later.showDiff('a.txt', 'unstaged');
		expect(later.diff).toMatchObject({ path: 'a.txt', stale: true, patch: server.state.patch });
		expect(await new GitPanelState(server.api, db, 's2').commit('x')).toBe(false);
	});

	it('stages and commits, keeping the new status for offline; a failed commit keeps what is shown', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer();
		const panel = new GitPanelState(server.api, db, 's1');
		await panel.load();
		await panel.showDiff('a.txt', 'unstaged');
		expect(await panel.stage(['a.txt'])).toBe(true);
		// The unstaged diff no longer describes the file: it is closed.
		expect(panel.diff).toBeNull();
		expect(await panel.commit('Say y')).toBe(true);
		expect(panel.status?.repo && panel.status.log.map((c) => c.subject)).toEqual(['Say y', 'first']);
		server.state.offline = true;
		expect(await panel.commit('again')).toBe(false);
		expect(panel.problem?.reason).toBe('offline');
		expect(panel.status?.repo && panel.status.log[0].subject).toBe('Say y');
		const copy = await db.gitViews.get(['s1', 'status']);
		expect((copy?.value as GitRepoStatus).log[0].subject).toBe('Say y');
	});

	it('hands back Claude’s draft of a message, and says why when there is none', async () => {
		db = openDb(`t-${newId()}`);
		const server = fakeServer();
		const panel = new GitPanelState(server.api, db, 's1');
		expect(await panel.draftMessage()).toBe('Change a.txt');
		expect(panel.status).toBeNull();
		server.state.offline = true;
		expect(await panel.draftMessage()).toBeNull();
		expect(panel.problem?.reason).toBe('offline');
		expect(panel.drafting).toBe(false);
	});
});
