// The header's one-line MCP status: how many servers connected, and how many failed (Claude Code reports
// `connected`, `failed`, `needs-auth`, `pending` or `disabled`; anything but connected or pending is trouble).
import type { AgentInfo } from '$lib/core/model';

type McpServer = NonNullable<AgentInfo['mcpServers']>[number];

export const isFailing = (status: string) => status !== 'connected' && status !== 'pending';

export function mcpSummary(servers: McpServer[]): { text: string; title: string; failed: number } {
	const connected = servers.filter((s) => s.status === 'connected').length;
	const failed = servers.filter((s) => isFailing(s.status)).length;
	return {
		text: `MCP: ${connected} connected${failed > 0 ? ` · ${failed} failed` : ''}`,
		title: servers.map((s) => `${s.name}: ${s.status}`).join('\n'),
		failed
	};
}
