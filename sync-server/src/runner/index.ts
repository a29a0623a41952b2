// The runner's public surface, for app.ts / index.ts.
export { createRunner, type Runner, type RunnerDeps } from './runner';
export { createUpstream, type Upstream, type UpstreamConfig } from './upstream';
export { memoryWorkList, type WorkItem, type WorkList } from './worklist';
export { RUNNER_DEFAULTS, type LimitsConfig, type RunnerConfig, type RunnerOptions } from './config';
export { noTools, type ToolCall, type ToolHost, type ToolOutcome, type ToolRunScope, type ToolScope } from './tools';
export { workspaceToolHost, type WorkspaceToolHostOptions } from './workspace-host';
export { runnerService, type RunnerService, type RunnerServiceOptions } from './service';
