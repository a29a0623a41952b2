// The Messages API engine: our own loop on @anthropic-ai/sdk with the workspace tools. It sends the
// session's history, streams the reply, runs the tool calls Claude makes (asking a person where the
// permission mode says so, through the ToolHost), and asks again until Claude ends its turn.
import { readImage } from '../../../../src/lib/core/images';
import { listMessages } from '../../../../src/lib/core/ydoc';
import type { RunnerConfig } from '../config';
import type { Engine, EngineEvent, EngineTurn } from '../engine';
import { buildHistory } from '../history';
import { clientOf, type ClientSource } from '../client';
import type { ToolCall, ToolHost, ToolOutcome } from '../tools';
import { streamRound } from './messages-round';

export interface MessagesEngineDeps {
	client: ClientSource;
	config: RunnerConfig;
	tools: ToolHost;
	now: () => number;
}

/** In plan mode this engine only reads; the note tells Claude why its changes are refused. */
const PLAN_NOTE = ' The session is in "Plan first" mode: inspect the files and propose a plan; changes and commands are refused until the person switches modes.';

export function messagesEngine(deps: MessagesEngineDeps): Engine {
	const { config, now } = deps;
	return {
		async *run(turn: EngineTurn): AsyncGenerator<EngineEvent> {
			const round = {
				client: await clientOf(deps.client),
				model: turn.model,
				system: config.systemPrompt + (turn.mode === 'plan' ? PLAN_NOTE : ''),
				maxTokens: config.maxTokens,
				tools: deps.tools.definitions(turn),
				requestTimeoutMs: config.requestTimeoutMs,
				idleTimeoutMs: config.idleTimeoutMs,
				signal: turn.signal,
				now
			};
			for (let rounds = 1; ; rounds++) {
				const result = yield* streamRound(round, buildHistory(listMessages(turn.doc, turn.sessionId), turn.promptId, (hash) => readImage(turn.doc, hash)));
				if (!result.ok) {
					if (!result.aborted) yield { type: 'failure', error: result.error, requestId: result.requestId };
					return;
				}
				if (result.stopReason !== 'tool_use' || result.toolCalls.length === 0) return;
				if (rounds >= config.maxToolRounds) {
					yield { type: 'note', text: `Claude used tools ${rounds} times in this turn, the most one turn may. Send a prompt to let it go on.` };
					return;
				}
				for (const call of result.toolCalls) {
					if (turn.signal.aborted) return;
					const outcome = await runTool(deps.tools, call, turn);
					const stopped = turn.signal.aborted;
					yield { type: 'tool-result', toolUseId: call.id, name: call.name, outcome, stopped };
					if (stopped) return;
				}
			}
		}
	};
}

function runTool(tools: ToolHost, call: ToolCall, turn: EngineTurn): Promise<ToolOutcome> {
	return tools
		.run(call, { tenant: turn.tenant, sessionId: turn.sessionId, doc: turn.doc, signal: turn.signal, approve: turn.approve })
		.catch((error: unknown) => ({ content: `The tool failed: ${String((error as Error)?.message ?? error)}`, isError: true }));
}
