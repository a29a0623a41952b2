// What an import writes: every session and message under a new id, so an import never overwrites,
// and nothing left in a state the server would act on (a queued prompt would otherwise run again).
import { newId } from '../ids';
import type { Message, MessageMeta, MessageState, Session } from '../model';
import type { ExportFile, ExportedMessage } from './format';

export interface PlannedSession {
	session: Session;
	messages: Message[];
}

/** Unfinished work in an export stopped where it was: the prompt counts as sent, the reply as cut off. */
const SETTLED: Record<MessageState, MessageState> = {
	queued: 'done',
	running: 'done',
	streaming: 'interrupted',
	done: 'done',
	interrupted: 'interrupted',
	error: 'error'
};

function settledMeta(meta: MessageMeta, ids: Map<string, string>): MessageMeta {
	const { replyTo, retryOf, approval, waitReason: _waiting, ...rest } = meta;
	const out: MessageMeta = { ...rest };
	if (replyTo && ids.has(replyTo)) out.replyTo = ids.get(replyTo);
	if (retryOf && ids.has(retryOf)) out.retryOf = ids.get(retryOf);
	if (approval) out.approval = approval.state === 'pending' ? { ...approval, state: 'cancelled' } : approval;
	return out;
}

function planMessages(sessionId: string, messages: ExportedMessage[], makeId: (at: number) => string): Message[] {
	const ids = new Map(messages.map((m) => [m.id, makeId(m.createdAt)]));
	return messages.map((m) => ({
		...m,
		id: ids.get(m.id)!,
		sessionId,
		state: SETTLED[m.state],
		meta: settledMeta(m.meta, ids)
	}));
}

/** The imported sessions keep their titles and times; they list as changed now, so they show first. */
export function planImport(file: ExportFile, now = Date.now(), makeId: (at: number) => string = newId): PlannedSession[] {
	return file.sessions.map(({ session, messages }) => {
		const id = makeId(session.createdAt);
		return { session: { ...session, id, updatedAt: Math.max(now, session.updatedAt) }, messages: planMessages(id, messages, makeId) };
	});
}
