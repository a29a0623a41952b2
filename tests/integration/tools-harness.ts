// Test equipment for the tool flows: the runner harness with the real workspace ToolHost over a real
// temporary DATA_DIR, a session in the tenant's index with a permission mode, and devices linked to it.
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { pendingApprovals } from '../../src/lib/core/approvals';
import { newId } from '../../src/lib/core/ids';
import type { Message } from '../../src/lib/core/model';
import type { PermissionMode } from '../../src/lib/core/tools';
import { putSession, readSession, sessionsMap } from '../../src/lib/core/ydoc';
import type { RunnerOptions } from '../../sync-server/src/runner/config';
import { workspaceToolHost } from '../../sync-server/src/runner/workspace-host';
import { harness, link, MemoryHost, TENANT, until, type Harness } from './runner-harness';

export interface ToolsHarness extends Harness {
	dataDir: string;
	/** The session's default working folder. */
	root: string;
	index: Y.Doc;
	/** A device with the session doc open, synced live with the server. */
	device(): Y.Doc;
	file(rel: string): Promise<string | null>;
	/** Resolves with the tool call that waits for a person, as `doc` sees it. */
	pending(doc: Y.Doc): Promise<Message>;
	awaitingApproval(): boolean | undefined;
}

export interface ToolsOptions {
	mode?: PermissionMode;
	shell?: boolean;
	workspace?: string;
	roots?: string[];
	config?: RunnerOptions;
	host?: MemoryHost;
	sessionId?: string;
}

export async function toolsHarness(options: ToolsOptions = {}): Promise<ToolsHarness> {
	const dataDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'tools-flow-')));
	const host = options.host ?? new MemoryHost();
	const sessionId = options.sessionId ?? newId();
	const index = host.doc(TENANT, 'index');
	if (!sessionsMap(index).has(sessionId)) {
		putSession(index, {
			id: sessionId,
			title: 'Tools',
			createdAt: 1,
			updatedAt: 1,
			status: 'active',
			model: 'claude-sonnet-5-5',
			...(options.mode ? { permissionMode: options.mode } : {}),
			...(options.workspace ? { workspace: options.workspace } : {})
		});
	}
	const tools = workspaceToolHost({ dataDir, roots: options.roots ?? [], shell: options.shell ? { bwrap: '/usr/bin/bwrap' } : null, host });
	const h = await harness({ host, sessionId, tools, config: options.config });
	const root = path.join(dataDir, 'workspaces', TENANT, sessionId);
	const unlinks: Array<() => void> = [];
	return {
		...h,
		dataDir,
		root,
		index,
		device() {
			const doc = new Y.Doc();
			unlinks.push(link(doc, h.doc));
			return doc;
		},
		file: (rel) => readFile(path.join(options.workspace ?? root, rel), 'utf8').catch(() => null),
		pending: (doc) => until(doc, () => pendingApprovals(h.messages(doc))[0], 'a tool call waiting for approval'),
		awaitingApproval: () => readSession(sessionsMap(index).get(sessionId)!)?.awaitingApproval,
		close: async () => {
			for (const unlink of unlinks) unlink();
			await h.close();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
