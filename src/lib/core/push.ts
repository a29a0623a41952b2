// What a Web Push notification carries, shared by the server that sends it and the app that opts in.
// The service worker (static/push-worker.js) reads the same fields. Without the "include message text"
// opt-in a payload names the session and what happened, never what was said.
import type { ApprovalKind } from './model';
import { toolCallSummary } from './tools';
import { z } from './zod';

/** The awareness field a device sets on a session document while that session is on its screen. */
export const VIEWING_FIELD = 'viewing';

export type PushEvent = 'done' | 'error' | 'approval';

export interface PushPayload {
	title: string;
	body: string;
	/** One notification per session: a newer one replaces the older. */
	tag: string;
	/** Where a click opens the app. */
	url: string;
	sessionId: string;
	/** Set while a tool call or plan waits: the worker offers Approve and Deny for it. */
	toolUseId?: string;
}

export interface PushFacts {
	event: PushEvent;
	sessionId: string;
	title: string;
	/** The waiting tool call (approval); `kind` says whether it asks to run a tool, accept a plan or answer questions. */
	tool?: { id: string; name: string; input: unknown; kind?: ApprovalKind };
	/** The reply's or error's text, sent only with the opt-in. */
	text?: string;
}

const EXCERPT_CHARS = 200;
const excerpt = (text: string) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text);

export function pushPayload(facts: PushFacts, includeText: boolean): PushPayload {
	const { event, sessionId, tool } = facts;
	const asking = tool?.kind === 'question' ? 'Waiting for your answer' : tool?.kind === 'plan' ? 'Plan waiting for approval' : 'Waiting for approval';
	const headline = event === 'done' ? 'Turn finished' : event === 'error' ? 'Turn failed' : asking;
	// The tool's name alone is how the app describes itself; its input (paths, commands) is session content.
	// A plan or a question names no tool: the headline says it all.
	const what = tool && (!tool.kind || tool.kind === 'tool') && (includeText ? toolCallSummary(tool.name, tool.input) : tool.name);
	const detail = includeText && facts.text?.trim() ? `\n${excerpt(facts.text.trim())}` : '';
	return {
		title: facts.title || 'Session',
		body: event === 'approval' && what ? `${headline}: ${what}` : `${headline}${event === 'approval' ? '' : detail}`,
		tag: `session-${sessionId}`,
		url: `/?session=${encodeURIComponent(sessionId)}`,
		sessionId,
		// A question needs its choices, which only the app shows: no Approve or Deny for it.
		...(event === 'approval' && tool && tool.kind !== 'question' ? { toolUseId: tool.id } : {})
	};
}

/** A browser's PushSubscription as `toJSON()` gives it; the endpoint is where the server posts. */
export const PushSubscriptionSchema = z.object({
	endpoint: z.url({ protocol: /^https$/ }).max(2048),
	keys: z.object({ p256dh: z.string().min(1).max(256), auth: z.string().min(1).max(64) })
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionSchema>;
