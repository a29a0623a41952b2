// The Claude Code engine: each turn runs the real agent (Claude Agent SDK `query()`) in the session's
// folder, resuming Claude Code's own session id kept in the session document, so one conversation
// spans turns and restarts. Its stream becomes engine events (translate.ts); every tool call passes our
// path guard, and what needs a person is asked in the document (first answer from any device wins).
// Stop calls `interrupt()`. At most MAX_AGENTS processes run at once; a process lives for one turn.
import type { CanUseTool, HookCallbackMatcher, Options, PermissionMode as AgentMode, SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';
import type { Logger } from 'pino';
import type { AgentMetrics } from '../../../metrics';
import { promptBlocks, readImage, type ImageError, type PromptBlock } from '../../../../../src/lib/core/images';
import { findMessage, readAgentInfo, readMessage } from '../../../../../src/lib/core/ydoc';
import type { AgentInfo } from '../../../../../src/lib/core/model';
import type { PermissionMode } from '../../../../../src/lib/core/tools';
import { resolveWorkspace } from '../../../workspace/resolve';
import { Channel } from '../../channel';
import type { Engine, EngineEvent, EngineTurn } from '../../engine';
import { AgentExitError, ImageRefusedError, MentionRefusedError } from '../../errors';
import { AgentSlots } from '../../limits';
import { redact } from '../../redact';
import { deniedText } from '../../workspace-host';
import { agentEnv, agentHome, type AgentEnvOptions } from './env';
import { EDIT_TOOLS, EditBrackets, guardToolPath, toolPath } from './guard';
import { refusedMention } from './mentions';
import { agentSpawner } from './spawn';
import { isPlanFile, plansDir, withPlan } from './plan';
import { Translator } from './translate';

export interface ClaudeCodeOptions extends AgentEnvOptions {
	/** WORKSPACE_ROOTS, for sessions that work in an existing folder. */
	roots: readonly string[];
	/** WORKSPACE_SHELL: Bash (and its helpers) only when on. */
	shell: boolean;
	/** A bubblewrap that works here: each `claude` process runs inside its sandbox (spawn.ts). */
	bwrap?: string;
	maxAgents: number;
	log: Logger;
	/** The `claude` binary; the SDK's own optional dependency when unset. */
	executable?: string;
	metrics?: AgentMetrics;
}

const MODES: Record<PermissionMode, AgentMode> = { ask: 'default', 'accept-edits': 'acceptEdits', plan: 'plan', 'read-only': 'default' };
export const SHELL_TOOLS = ['Bash', 'BashOutput', 'KillShell', 'KillBash', 'Monitor'];
/** Tools that only talk to the person, never change anything: allowed in every mode, answered in the document. */
const ASKING = { AskUserQuestion: 'question', ExitPlanMode: 'plan' } as const;
/**
 * Where an approved plan leaves the session: "ask", so Claude goes on to carry the plan out and each
 * change still waits for a person (approving a plan is not approving every edit it will take).
 */
const AFTER_PLAN: PermissionMode = 'ask';

/**
 * The prompt's images (checked again, as for the Messages API engine) and text as content blocks; a
 * prompt of text alone stays a string, the form in which Claude Code reads slash commands.
 */
function promptContent(turn: EngineTurn): { ok: true; content: string | PromptBlock[] } | { ok: false; error: ImageError } {
	const prompt = findMessage(turn.doc, turn.promptId);
	const images = prompt ? readMessage(prompt, turn.sessionId)?.meta.images : undefined;
	if (!images?.length) return { ok: true, content: turn.text };
	const built = promptBlocks(turn.text, images, (hash) => readImage(turn.doc, hash));
	return built.ok ? { ok: true, content: built.blocks } : built;
}

/** The prompt as Claude Code's streaming input: open until the turn ends, so `interrupt()` can reach it. */
async function* promptInput(content: string | PromptBlock[], ended: Promise<void>): AsyncGenerator<SDKUserMessage> {
	yield { type: 'user', message: { role: 'user', content }, parent_tool_use_id: null };
	await ended;
}

/** The session's own conversation; a fork's first turn branches the original's at the fork point. */
function resumeOptions(agent: AgentInfo): Pick<Options, 'resume' | 'forkSession' | 'resumeSessionAt'> {
	if (agent.sessionId) return { resume: agent.sessionId };
	if (agent.forkOf) return { resume: agent.forkOf.sessionId, forkSession: true, resumeSessionAt: agent.forkOf.at };
	return {};
}

export function claudeCodeEngine(options: ClaudeCodeOptions) {
	const slots = new AgentSlots(options.maxAgents);
	const log = options.log.child({ module: 'claude-code' });

	const engine: Engine = {
		async *run(turn: EngineTurn): AsyncGenerator<EngineEvent> {
			const root = await resolveWorkspace({ dataDir: options.dataDir, roots: options.roots }, turn.tenant, turn.folderOf ?? turn.sessionId, turn.workspace);
			if (!root.ok) {
				yield { type: 'failure', error: new AgentExitError(`the session's working folder is not usable: ${root.message}`) };
				return;
			}
			const refused = await refusedMention(root.root, turn.text);
			if (refused) {
				yield { type: 'failure', error: new MentionRefusedError(refused) };
				return;
			}
			const content = promptContent(turn);
			if (!content.ok) {
				yield { type: 'failure', error: new ImageRefusedError(content.error) };
				return;
			}
			const events = new Channel<EngineEvent>();
			const brackets = new EditBrackets();
			const plans = plansDir(options.dataDir, turn.tenant);
			let planFile: string | undefined;
			let finish = () => {};
			const ended = new Promise<void>((resolve) => (finish = resolve));

			const guard: HookCallbackMatcher = {
				hooks: [
					async (input) => {
						if (input.hook_event_name !== 'PreToolUse') return {};
						const given = toolPath(input.tool_input);
						if (!given) return {};
						if (EDIT_TOOLS.has(input.tool_name) && isPlanFile(plans, given)) {
							planFile = given;
							return {};
						}
						const guarded = await guardToolPath(root.root, given);
						if (!guarded.ok) return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: guarded.message } };
						if (EDIT_TOOLS.has(input.tool_name)) await brackets.open(input.tool_use_id, guarded);
						return {};
					}
				]
			};

			const canUseTool: CanUseTool = async (name, input, { toolUseID }) => {
				const asking = ASKING[name as keyof typeof ASKING];
				if (!asking && turn.mode === 'read-only') return { behavior: 'deny', message: `This session is read-only, so ${name} was not run. The person can allow changes in the session's settings.` };
				// The call shows in the document with its input before anyone is asked about it.
				events.push({ type: 'tool-call', toolUseId: toolUseID, name, state: 'done', input: asking === 'plan' ? await withPlan(input, planFile) : input });
				const answer = await turn.approve(toolUseID, asking ?? 'tool');
				if (answer.decision === 'approved' && asking === 'plan') {
					await turn.setMode(AFTER_PLAN);
					return { behavior: 'allow', updatedInput: input, updatedPermissions: [{ type: 'setMode', mode: MODES[AFTER_PLAN], destination: 'session' }] };
				}
				if (answer.decision === 'approved') {
					const answers = answer.answer.answers;
					return { behavior: 'allow', updatedInput: asking === 'question' && answers ? { ...input, answers } : input };
				}
				if (answer.decision === 'denied') return { behavior: 'deny', message: deniedText(answer.answer.message) };
				return { behavior: 'deny', message: 'Stopped before anyone answered.', interrupt: true };
			};

			const queryOptions: Options = {
				cwd: root.root,
				model: turn.model,
				permissionMode: MODES[turn.mode],
				includePartialMessages: true,
				settingSources: ['project'],
				env: await agentEnv(options, turn.tenant),
				canUseTool,
				hooks: { PreToolUse: [guard] },
				...(options.shell ? {} : { disallowedTools: SHELL_TOOLS }),
				...resumeOptions(readAgentInfo(turn.doc)),
				...(options.executable ? { pathToClaudeCodeExecutable: options.executable } : {}),
				spawnClaudeCodeProcess: agentSpawner({
					root: root.root,
					home: agentHome(options.dataDir, turn.tenant),
					bwrap: options.bwrap,
					stderr: (data) => log.debug({ tenant: turn.tenant, sessionId: turn.sessionId, data: redact(data, [options.apiKey]) }, 'claude stderr')
				}),
				// The bundled binary reads MCP servers from its input, keeping their secrets off its command line.
				mcpServersDelivery: 'initialize'
			};
			// Loaded on the first Claude Code turn, so a server that never runs one does not pay for the SDK.
			const { query } = await import('@anthropic-ai/claude-agent-sdk');
			const q = query({ prompt: promptInput(content.content, ended), options: queryOptions });
			options.metrics?.agentProcesses.inc();
			const stop = () => void q.interrupt().catch((err: unknown) => log.warn({ err }, 'interrupt failed'));
			turn.signal.addEventListener('abort', stop);
			if (turn.signal.aborted) stop();

			const translator = new Translator(turn.model, [options.apiKey]);
			const pump = (async () => {
				for await (const message of q) {
					const { events: mapped, results, result } = translator.events(message);
					// After Stop, Claude Code ends the turn with an error result: that is the interruption, not a failure.
					for (const event of mapped) if (event.type !== 'failure' || !turn.signal.aborted) events.push(event);
					for (const seen of results) {
						const changes = await brackets.close(seen.toolUseId);
						const meta = seen.parentToolUseId ? { parentToolUseId: seen.parentToolUseId } : undefined;
						events.push({ type: 'tool-result', toolUseId: seen.toolUseId, name: seen.name, outcome: { content: seen.text, isError: seen.isError, changes }, stopped: false, meta });
					}
					if (result) return;
				}
				if (!turn.signal.aborted) throw new AgentExitError('its process ended');
			})()
				.catch((error: unknown) => {
					if (!turn.signal.aborted) events.push({ type: 'failure', error: error instanceof Error && !(error instanceof AgentExitError) ? new AgentExitError(error.message) : error });
				})
				.finally(() => {
					for (const event of translator.close(turn.signal.aborted ? 'interrupted' : 'error')) events.push(event);
					events.end();
				});

			try {
				yield* events;
				await pump;
			} finally {
				turn.signal.removeEventListener('abort', stop);
				finish();
				q.close();
				options.metrics?.agentProcesses.dec();
			}
		}
	};
	return { engine, admit: () => slots.tryStart(), onRelease: (listener: () => void) => slots.onRelease(listener) };
}
