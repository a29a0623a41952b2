// Plan mode in Claude Code: the agent writes its plan to a plan file in its config directory (outside
// the session's folder), then calls ExitPlanMode with no plan in its input. The plan file is the one
// write allowed outside the folder, and the plan card shows what it holds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentConfigDir } from './env';

/** The folder of a tenant's plan files (Claude Code's default `plans` under its config directory). */
export function plansDir(dataDir: string, tenant: string): string {
	return path.join(agentConfigDir(dataDir, tenant), 'plans');
}

/** True for a Markdown file directly in `plans`, the only place a plan file is written. */
export function isPlanFile(plans: string, given: string): boolean {
	return path.isAbsolute(given) && path.dirname(path.resolve(given)) === plans && given.endsWith('.md');
}

/** ExitPlanMode's input as the card shows it: with the plan file's text when the input names no plan. */
export async function withPlan(input: Record<string, unknown>, planFile: string | undefined): Promise<Record<string, unknown>> {
	if (typeof input.plan === 'string' || !planFile) return input;
	const plan = await readFile(planFile, 'utf8').catch(() => undefined);
	return plan === undefined ? input : { ...input, plan, planFilePath: planFile };
}
