// Scripting Claude Code's plan mode on the fake: the model writes its plan to the plan file Claude Code
// named in the system prompt, then calls ExitPlanMode (whose input carries no plan).
import { claudeCodeTools } from '../../sync-server/src/demo/claude-code-tools';
import type { RecordedRequest, Scripted } from '../../sync-server/src/demo/fake-anthropic';
import { toolUse } from '../../sync-server/src/demo/script';

/** The plan file Claude Code told its model to write, from a request made in plan mode. */
export function planFileOf(request: RecordedRequest): string {
	const match = /(?:create your plan at|plan file already exists at) (\/\S+?\.md)/.exec(JSON.stringify(request.body));
	if (!match) throw new Error('the request names no plan file: is the session in plan mode?');
	return match[1];
}

/** Writes `plan` to the plan file the request names, as the model does before ExitPlanMode. */
export const writePlan =
	(plan: string, id = 'toolu_plan_file'): Scripted =>
	(request) =>
		toolUse(claudeCodeTools.write(planFileOf(request), plan, id));

export const exitPlanMode = (id = 'toolu_plan'): Scripted => toolUse(claudeCodeTools.exitPlanMode(id));
