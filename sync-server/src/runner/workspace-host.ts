// Claude's workspace tools as the runner's ToolHost: each call runs in its session's folder, under the
// session's permission mode, read afresh per call so a mode changed mid-turn applies to the next call.
// Reads run; a write or command the mode does not allow is refused; one that needs a person waits
// for the first device to answer (or for Stop), and the decision is recorded on the tool_call.
import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import { decide, DEFAULT_PERMISSION_MODE, toolCallSummary, ToolInputSchemas, type PermissionMode } from '../../../src/lib/core/tools';
import type { DocHost } from '../sync/host';
import { resolveWorkspace } from '../workspace/resolve';
import type { ShellOptions } from '../workspace/tools/bash';
import { createWorkspaceTools } from '../workspace/tools/index';
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
}

export const DENIED = 'The user denied this action.';
/** What Claude reads when a person denies a call, with their reason when they gave one. */
export const deniedText = (reason: string | undefined) => (reason ? `${DENIED} Their reason: ${reason}` : DENIED);

interface SessionSettings {
	workspace?: string;
	/** The session whose folder under DATA_DIR this one works in (itself unless it is a fork). */
	folder: string;
	mode: PermissionMode;
}

/** The session's folder and mode, read from the tenant's index for each call. */
async function sessionSettings(host: DocHost, scope: ToolScope): Promise<SessionSettings> {
	const session = await indexedSession(host, scope.tenant, scope.sessionId);
	return { workspace: session?.workspace, folder: session?.folderOf ?? scope.sessionId, mode: session?.permissionMode ?? DEFAULT_PERMISSION_MODE };
}

export function workspaceToolHost(options: WorkspaceToolHostOptions): ToolHost {
	const tools = createWorkspaceTools({ shell: options.shell });
	const definitions = tools.definitions as Tool[];

	return {
		definitions: () => definitions,
		async run(call, scope): Promise<ToolOutcome> {
			const tool = tools.tools.get(call.name as never);
			const valid = tool && ToolInputSchemas[tool.name].safeParse(call.input).success;
			const { workspace, folder, mode } = await sessionSettings(options.host, scope);
			// Unknown tools, disabled ones and invalid input are refused by the tool set without asking anyone.
			if (tool && valid) {
				const decision = decide(mode, tool.permission);
				if (decision === 'deny') {
					const why = mode === 'plan' ? 'in "Plan first" mode' : 'read-only';
					return { content: `This session is ${why}, so ${toolCallSummary(call.name, call.input)} was not run. The person can allow changes in the session's settings.`, isError: true };
				}
				if (decision === 'ask') {
					const { decision, ...answered } = await scope.approve(call.id, 'tool');
					if (decision === 'denied') return { content: deniedText('answer' in answered ? answered.answer.message : undefined), isError: true };
					if (decision === 'stopped') return { content: 'Stopped before anyone answered.', isError: true };
					if (decision === 'no-call') return { content: 'The request for approval could not be shown, so this call was not run.', isError: true };
				}
			}
			const root = await resolveWorkspace({ dataDir: options.dataDir, roots: options.roots }, scope.tenant, folder, workspace);
			if (!root.ok) return { content: `The session's working folder is not usable: ${root.message}`, isError: true };
			const result = await tools.run(call.name, call.input, { root: root.root, signal: scope.signal });
			return result.ok ? { content: result.content, isError: false, changes: result.changes } : { content: result.message, isError: true };
		}
	};
}
