// The engines as people see them, in "New session" and the session header (who runs a turn: README).
import type { Engine, Session } from '$lib/core/model';

export const ENGINE_LABELS: Record<Engine, string> = {
	'claude-code': 'Claude Code',
	messages: 'Messages API'
};

export const ENGINE_HINTS: Record<Engine, string> = {
	'claude-code': 'The Claude Code agent: its tools, project settings, slash commands, MCP servers and plan mode.',
	messages: 'The light engine: Claude with six file tools, on the Messages API.'
};

/** Sessions made before engines existed run on the Messages API. */
export const engineOf = (session: Session): Engine => session.engine ?? 'messages';
