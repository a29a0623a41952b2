// The runner as a service of the server: the upstream (the Anthropic API, or the demo model without a
// key) and the runner, started once the server listens and closed before documents unload, so the
// turns it interrupts on shutdown are saved as interrupted.
import type { DemoOptions } from '../demo/demo-model';
import type { ServiceContext } from '../server';
import { runnerConfig, type RunnerOptions } from './config';
import { createRunner, type Runner } from './runner';
import type { ToolHost } from './tools';
import { createUpstream } from './upstream';
import { claudeCodeEngine } from './engines/claude-code';
import { turnCheckpoints } from '../checkpoints/turns';

export interface RunnerServiceOptions {
	/** A ToolHost, or a factory given the server's context (the workspace tools need its document registry). */
	tools?: ToolHost | ((context: ServiceContext) => ToolHost);
	/** Runner settings beyond what the server configuration gives (limits, timeouts, system prompt). */
	runner?: RunnerOptions;
	/** SDK retries of 429/5xx and connection errors (default 2). */
	maxRetries?: number;
	/** How the demo model streams (its pace), when there is no key. */
	demo?: DemoOptions;
	/** Where Claude Code sessions may work and whether they may run commands (WORKSPACE_ROOTS, WORKSPACE_SHELL). */
	workspace?: { roots: readonly string[]; shell: boolean; bwrap?: string };
	/** The `claude` binary (tests and benches may pin one); the SDK's own when unset. */
	claudeExecutable?: string;
	/** PATH of Claude Code processes (index.ts passes the server's own). */
	agentPath?: string;
}

export interface RunnerService {
	runner: Runner;
	/** True when the demo model answers (no ANTHROPIC_API_KEY). */
	demo: boolean;
	close(): Promise<void>;
}

export function runnerService(options: RunnerServiceOptions = {}) {
	return async (context: ServiceContext): Promise<RunnerService> => {
		const { host, store, cluster, config, log, metrics, push } = context;
		const { apiKey, baseUrl, model } = config.anthropic;
		const upstream = await createUpstream({ apiKey, baseUrl, maxRetries: options.maxRetries, demo: options.demo });
		if (upstream.demo) log.warn('ANTHROPIC_API_KEY is not set: the demo model answers prompts');
		const claudeCode = claudeCodeEngine({
			dataDir: config.dataDir,
			roots: options.workspace?.roots ?? [],
			shell: options.workspace?.shell ?? false,
			bwrap: options.workspace?.bwrap,
			maxAgents: config.maxAgents,
			...upstream.agent,
			path: options.agentPath,
			executable: options.claudeExecutable,
			log,
			metrics
		});
		const runner = createRunner({
			host,
			work: store,
			leases: cluster.leases(store),
			limits: cluster.limits(runnerConfig(options.runner).limits),
			client: upstream.client,
			claudeCode,
			log,
			metrics,
			notify: push.notifier.notify,
			checkpoint: turnCheckpoints({ checkpoints: context.checkpoints, host, workspaces: { dataDir: config.dataDir, roots: options.workspace?.roots ?? [] } }, log),
			tools: typeof options.tools === 'function' ? options.tools(context) : options.tools,
			config: { defaultModel: model, secrets: apiKey ? [apiKey] : [], ...options.runner }
		});
		await runner.start();
		return {
			runner,
			demo: upstream.demo,
			close: async () => {
				await runner.stop();
				await upstream.close();
			}
		};
	};
}
