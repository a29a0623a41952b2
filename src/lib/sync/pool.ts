// The background pool: brings sessions that changed elsewhere up to date on this device, a few at a
// time, so the number of live sockets stays bounded (open tabs plus `concurrency`). The tenant's index
// doc says which sessions changed: each session's `updatedAt` is bumped by whoever writes to it.
import * as Y from 'yjs';
import { sessionDocName } from '$lib/core/docnames';
import { listSessions, sessionsMap } from '$lib/core/ydoc';
import type { LocalDocs } from '$lib/docs/local';
import type { Remote } from './remote';

const SEEN_KEY = 'session-runner.synced-sessions';

export interface PoolOptions {
	concurrency?: number;
	/** A session that does not sync in this time is tried again on its next change. */
	syncTimeoutMs?: number;
	storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

export interface Pool {
	/** Resolves once no session waits to be brought up to date. */
	idle(): Promise<void>;
	close(): void;
}

export function startPool(docs: LocalDocs, index: Y.Doc, remote: Remote, options: PoolOptions = {}): Pool {
	const { concurrency = 3, syncTimeoutMs = 15_000, storage = localStorage } = options;
	const seen: Record<string, number> = JSON.parse(storage.getItem(SEEN_KEY) ?? '{}');
	const waiting = new Map<string, number>();
	const running = new Set<string>();
	const idlers: Array<() => void> = [];
	let closed = false;

	const online = () => remote.status().state !== 'offline';

	function scan() {
		for (const session of listSessions(index)) {
			if (session.updatedAt > (seen[session.id] ?? 0) && !running.has(session.id)) {
				waiting.set(session.id, session.updatedAt);
			}
		}
		pump();
	}

	async function bringUpToDate(id: string, updatedAt: number) {
		const name = sessionDocName(id);
		await docs.registry.open(name);
		try {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const synced = await Promise.race([
				remote.whenSynced(name).then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), syncTimeoutMs)))
			]).finally(() => clearTimeout(timer));
			await docs.settled();
			if (synced) {
				seen[id] = Math.max(seen[id] ?? 0, updatedAt);
				storage.setItem(SEEN_KEY, JSON.stringify(seen));
			}
		} finally {
			docs.registry.release(name);
		}
	}

	function pump() {
		while (!closed && online() && running.size < concurrency && waiting.size > 0) {
			const [id, updatedAt] = waiting.entries().next().value!;
			waiting.delete(id);
			running.add(id);
			bringUpToDate(id, updatedAt)
				.catch(() => undefined)
				.finally(() => {
					running.delete(id);
					scan();
				});
		}
		if (waiting.size === 0 && running.size === 0) for (const resolve of idlers.splice(0)) resolve();
	}

	const sessions = sessionsMap(index);
	sessions.observeDeep(scan);
	const unsubscribe = remote.subscribe(() => pump());
	scan();

	return {
		idle: () => (waiting.size === 0 && running.size === 0 ? Promise.resolve() : new Promise((r) => idlers.push(r))),
		close() {
			closed = true;
			sessions.unobserveDeep(scan);
			unsubscribe();
			for (const resolve of idlers.splice(0)) resolve();
		}
	};
}
