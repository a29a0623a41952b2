// "Fork from here" on a prompt: a new session holding the conversation before that prompt, with the
// prompt's text as its draft, as Claude Code's own rewind puts you back before a prompt to edit it or run
// it again. A fork of a session in its own folder under DATA_DIR gets its own folder too, with the files
// as they were before that prompt (the server copies and rewinds them, sync-server/src/checkpoints); one
// in a folder of WORKSPACE_ROOTS works in that same folder. On Claude Code its first turn branches the agent's
// conversation at the end of the last copied turn; on the Messages API the copies are the history.
import type * as Y from 'yjs';
import { newId } from './ids';
import { putImage } from './images';
import type { AgentInfo, Message, MessageMeta, Session } from './model';
import { appendMessage, writeAgentInfo, type NewMessage } from './ydoc';

export interface Fork {
	session: Session;
	messages: NewMessage[];
	/** Image hashes the copied prompts show, whose bytes the fork's doc needs too. */
	images: string[];
	/** The prompt forked from, for the new session's prompt box. */
	draft: string;
	/** Set on Claude Code when earlier turns ran there: where the fork's conversation branches off. */
	agent?: NonNullable<AgentInfo['forkOf']>;
}

export type ForkError = 'not-a-prompt' | 'turn-unfinished';

const FORK_SUFFIX = ' (fork)';
const MAX_TITLE = 200;

export function forkTitle(title: string): string {
	return title.slice(0, MAX_TITLE - FORK_SUFFIX.length).trimEnd() + FORK_SUFFIX;
}

/** The messages of the turns before `prompt`: the earlier prompts and everything that answers them. */
function before(messages: readonly Message[], prompt: Message): Message[] {
	const at = messages.indexOf(prompt);
	const earlier = new Set(messages.slice(0, at).filter((m) => m.kind === 'user').map((m) => m.id));
	return messages.filter((m, i) => (m.meta.replyTo ? earlier.has(m.meta.replyTo) : i < at));
}

/**
 * The fork of `source` from its prompt `promptId`, made at `now`. Refused for a message that is not a
 * prompt, and while an earlier turn has not finished (its copy would run again, or miss its end).
 */
export function forkSession(
	source: Session,
	messages: readonly Message[],
	agent: AgentInfo,
	promptId: string,
	now: number,
	updatedAt = now
): { ok: true; fork: Fork } | { ok: false; error: ForkError } {
	const prompt = messages.find((m) => m.id === promptId);
	if (!prompt || prompt.kind !== 'user') return { ok: false, error: 'not-a-prompt' };
	const kept = before(messages, prompt);
	if (kept.some((m) => m.kind === 'user' && m.state !== 'done')) return { ok: false, error: 'turn-unfinished' };

	const ids = new Map(kept.map((m) => [m.id, newId(m.createdAt)]));
	const remap = (meta: MessageMeta): MessageMeta => ({
		...meta,
		...(meta.replyTo ? { replyTo: ids.get(meta.replyTo) } : {}),
		...(meta.retryOf ? { retryOf: ids.get(meta.retryOf) } : {})
	});
	const copies = kept.map(({ id, kind, text, state, createdAt, meta }) => ({ id: ids.get(id)!, kind, text, state, createdAt, updatedAt: createdAt, meta: remap(meta) }));
	const at = kept.findLast((m) => m.meta.agentUuid)?.meta.agentUuid;

	const session: Session = {
		id: newId(now),
		title: forkTitle(source.title),
		createdAt: now,
		updatedAt,
		status: 'active',
		model: source.model,
		...(source.permissionMode ? { permissionMode: source.permissionMode } : {}),
		...(source.engine ? { engine: source.engine } : {}),
		...(source.workspace ? { workspace: source.workspace } : { filesFrom: { sessionId: source.id, promptId } })
	};
	return {
		ok: true,
		fork: {
			session,
			messages: copies,
			images: [...new Set(kept.flatMap((m) => m.meta.images?.map((image) => image.hash) ?? []))],
			draft: prompt.text,
			...(source.engine === 'claude-code' && agent.sessionId && at ? { agent: { sessionId: agent.sessionId, at } } : {})
		}
	};
}

/** Fills the fork's own session doc: the copied messages, the images they show, and its branch point. */
export function writeFork(doc: Y.Doc, fork: Fork, images: ReadonlyArray<readonly [string, Uint8Array]>): void {
	doc.transact(() => {
		for (const [hash, bytes] of images) putImage(doc, hash, bytes);
		for (const message of fork.messages) appendMessage(doc, message);
		if (fork.agent) writeAgentInfo(doc, { forkOf: fork.agent });
	});
}
