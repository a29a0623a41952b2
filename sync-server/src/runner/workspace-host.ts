// Claude's workspace tools as the runner's ToolHost: each call runs in its session's folder, under the
// session's permission mode, read afresh per call so a mode changed mid-turn applies to the next call.
// Reads run; a write or command the mode does not allow is refused; one that needs a person waits
// for the first device to answer (or for Stop), and the decision is recorded on the tool_call.
import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import { pino, type Logger } from 'pino';
import { decide, DEFAULT_PERMISSION_MODE, toolCallSummary, ToolInputSchemas, type PermissionMode } from '../../../src/lib/core/tools';
import type { DocHost } from '../sync/host';
import { resolveWorkspace } from '../workspace/resolve';
import type { ShellOptions } from '../workspace/tools/bash';
import { createWorkspaceTools } from '../workspace/tools/index';
import { awaitApproval } from './approval';
import { flagAwaitingApproval } from './approval-flag';
import type { ToolHost, ToolOutcome, ToolScope } from './tools';
import { indexedSession } from '../sync/index-doc';

export interface WorkspaceToolHostOptions {
	/** DATA_DIR: sessions without a workspace work in DATA_DIR/workspaces/<tenant>/<session>. */
	dataDir: string;
	/** WORKSPACE_ROOTS: where a session's own `workspace` folder may be. */
	roots: readonly string[];
	/** WORKSPACE_SHELL: the bash tool is offered only when this is given. */
	shell?: ShellOptions | null;
	/** The document registry, for the tenant's index (workspace, permission mode). */
	host: DocHost;
	log?: Logger;
	now?: () => number;
}

export const DENIED = 'The user denied this action.';

interface SessionSettings {
	workspace?: string;
	mode: PermissionMode;
}

/** The session's folder and mode, read from the tenant's index for each call. */
async function sessionSettings(host: DocHost, scope: ToolScope): Promise<SessionSettings> {
	const session = await indexedSession(host, scope.tenant, scope.sessionId);
	return { workspace: session?.workspace, mode: session?.permissionMode ?? DEFAULT_PERMISSION_MODE };
}

export function workspaceToolHost(options: WorkspaceToolHostOptions): ToolHost {
	const tools = createWorkspaceTools({ shell: options.shell });
	const definitions = tools.definitions as Tool[];
	const now = options.now ?? Date.now;
	const log = (options.log ?? pino({ level: 'silent' })).child({ module: 'workspace-tools' });

	/** The index mark is a hint for devices without the session open: failing to set it does not stop the call. */
	const flagAwaiting = (scope: ToolScope, on: boolean) =>
		flagAwaitingApproval(options.host, scope.tenant, scope.sessionId, on, now()).catch((err: unknown) =>
			log.error({ err, tenant: scope.tenant, sessionId: scope.sessionId }, 'could not mark the approval in the index')
		);

	return {
		definitions: () => definitions,
		async run(call, scope): Promise<ToolOutcome> {
			const tool = tools.tools.get(call.name as never);
			const valid = tool && ToolInputSchemas[tool.name].safeParse(call.input).success;
			const { workspace, mode } = await sessionSettings(options.host, scope);
			// Unknown tools, disabled ones and invalid input are refused by the tool set without asking anyone.
			if (tool && valid) {
				const decision = decide(mode, tool.permission);
				if (decision === 'deny') {
					return { content: `This session is read-only, so ${toolCallSummary(call.name, call.input)} was not run. The person can allow changes in the session's settings.`, isError: true };
				}
				if (decision === 'ask') {
					await flagAwaiting(scope, true);
					const outcome = await awaitApproval(scope.doc, call.id, scope.signal, now).finally(() => flagAwaiting(scope, false));
					if (outcome === 'denied') return { content: DENIED, isError: true };
					if (outcome === 'stopped') return { content: 'Stopped before anyone answered.', isError: true };
					if (outcome === 'no-call') return { content: 'The request for approval could not be shown, so this call was not run.', isError: true };
				}
			}
			const root = await resolveWorkspace({ dataDir: options.dataDir, roots: options.roots }, scope.tenant, scope.sessionId, workspace);
			if (!root.ok) return { content: `The session's working folder is not usable: ${root.message}`, isError: true };
			const result = await tools.run(call.name, call.input, { root: root.root, signal: scope.signal });
			return result.ok ? { content: result.content, isError: false, changes: result.changes } : { content: result.message, isError: true };
		}
	};
}
