// The Yjs layout of both document types, and the only code that reads or writes their shape.
// Index doc: map `sessions` id -> Y.Map of Session fields (per-field maps so concurrent edits merge).
// Session doc: array `messages` of Y.Map (text is a Y.Text, so streamed deltas are small updates),
// map `control` for requests addressed to the server (stop a turn), and map `agent` for what the
// server knows of the session's Claude Code agent (see AgentInfoSchema).
import * as Y from 'yjs';
import { AgentInfoSchema, MessageSchema, SessionSchema, type AgentInfo, type Message, type Session } from './model';

export type YMessage = Y.Map<unknown>;
export type YSession = Y.Map<unknown>;

export const sessionsMap = (doc: Y.Doc) => doc.getMap<YSession>('sessions');
export const messagesArray = (doc: Y.Doc) => doc.getArray<YMessage>('messages');
export const controlMap = (doc: Y.Doc) => doc.getMap<unknown>('control');
export const agentMap = (doc: Y.Doc) => doc.getMap<unknown>('agent');

/** The agent facts in a session doc; a field that fails its schema is left out rather than hiding the rest. */
export function readAgentInfo(doc: Y.Doc): AgentInfo {
	const out: Record<string, unknown> = {};
	const shape = AgentInfoSchema.shape;
	for (const [key, value] of agentMap(doc).entries()) {
		if (!Object.hasOwn(shape, key)) continue;
		const parsed = shape[key as keyof typeof shape].safeParse(value);
		if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
	}
	return out as AgentInfo;
}

/** Server: merges agent facts into the doc, writing only the fields that changed. */
export function writeAgentInfo(doc: Y.Doc, patch: AgentInfo): void {
	const valid = AgentInfoSchema.parse(patch);
	const agent = agentMap(doc);
	doc.transact(() => {
		for (const [key, value] of Object.entries(valid)) {
			if (value !== undefined && JSON.stringify(agent.get(key)) !== JSON.stringify(value)) agent.set(key, value);
		}
	});
}

/** The session under its key in the index; null when the entry is not one (a device skips it). */
export function readSession(ymap: unknown): Session | null {
	if (!(ymap instanceof Y.Map)) return null;
	const parsed = SessionSchema.safeParse(ymap.toJSON());
	return parsed.success ? parsed.data : null;
}

export function listSessions(doc: Y.Doc): Session[] {
	const out: Session[] = [];
	for (const ymap of sessionsMap(doc).values()) {
		const session = readSession(ymap);
		if (session) out.push(session);
	}
	return out;
}

export function putSession(doc: Y.Doc, session: Session): void {
	const valid = SessionSchema.parse(session);
	doc.transact(() => {
		const ymap = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(valid)) if (value !== undefined) ymap.set(key, value);
		sessionsMap(doc).set(valid.id, ymap);
	});
}

/**
 * The `updatedAt` for a write to this index: the writer's clock, but above every `updatedAt` already in
 * it (a hybrid logical clock). A device whose clock is minutes behind still signals its change (other
 * devices fetch a session whose `updatedAt` grew) and still moves the session to the top of the list;
 * one whose clock is ahead cannot pin its session above later changes made elsewhere.
 */
export function nextUpdatedAt(index: Y.Doc, now: number): number {
	let latest = 0;
	for (const ymap of sessionsMap(index).values()) {
		const at = ymap.get('updatedAt');
		if (typeof at === 'number' && at > latest) latest = at;
	}
	return Math.max(now, latest + 1);
}

export type SessionPatch = Partial<Omit<Session, 'id' | 'createdAt'>>;

export function updateSession(doc: Y.Doc, id: string, patch: SessionPatch, now = Date.now()): boolean {
	const ymap = sessionsMap(doc).get(id);
	if (!ymap) return false;
	const current = readSession(ymap);
	if (!current) return false;
	const next = SessionSchema.parse({ ...current, ...patch, updatedAt: nextUpdatedAt(doc, now) });
	doc.transact(() => {
		for (const [key, value] of Object.entries(next)) {
			if (value !== undefined && ymap.get(key) !== value) ymap.set(key, value);
		}
	});
	return true;
}

export function removeSession(doc: Y.Doc, id: string): void {
	sessionsMap(doc).delete(id);
}

export type NewMessage = Omit<Message, 'sessionId' | 'updatedAt'> & { updatedAt?: number };

export function readMessage(ymap: unknown, sessionId: string): Message | null {
	if (!(ymap instanceof Y.Map)) return null;
	const text = ymap.get('text');
	if (!(text instanceof Y.Text)) return null;
	const parsed = MessageSchema.safeParse({
		id: ymap.get('id'),
		sessionId,
		kind: ymap.get('kind'),
		text: text.toString(),
		state: ymap.get('state'),
		createdAt: ymap.get('createdAt'),
		updatedAt: ymap.get('updatedAt'),
		meta: ymap.get('meta') ?? {}
	});
	return parsed.success ? parsed.data : null;
}

export function listMessages(doc: Y.Doc, sessionId: string): Message[] {
	const out: Message[] = [];
	for (const ymap of messagesArray(doc)) {
		const message = readMessage(ymap, sessionId);
		if (message) out.push(message);
	}
	return out;
}

/**
 * Message ids of each session array. Messages are never removed from a session doc, so an unchanged
 * length means an unchanged set: appends stay O(1), and only a change from elsewhere (a sync) costs a rescan.
 */
const idIndexes = new WeakMap<Y.Array<YMessage>, { length: number; byId: Map<string, YMessage> }>();

function idIndex(messages: Y.Array<YMessage>) {
	let index = idIndexes.get(messages);
	if (!index || index.length !== messages.length) {
		index = { length: messages.length, byId: new Map() };
		for (const ymap of messages) index.byId.set(ymap.get('id') as string, ymap);
		idIndexes.set(messages, index);
	}
	return index;
}

export function findMessage(doc: Y.Doc, id: string): YMessage | undefined {
	return idIndex(messagesArray(doc)).byId.get(id);
}

/** Appends a message unless one with its id exists already (a retried send runs once). */
export function appendMessage(doc: Y.Doc, message: NewMessage): YMessage {
	const existing = findMessage(doc, message.id);
	if (existing) return existing;
	const valid = MessageSchema.omit({ sessionId: true }).parse({
		...message,
		updatedAt: message.updatedAt ?? message.createdAt
	});
	const ymap = new Y.Map<unknown>();
	doc.transact(() => {
		ymap.set('id', valid.id);
		ymap.set('kind', valid.kind);
		ymap.set('state', valid.state);
		ymap.set('createdAt', valid.createdAt);
		ymap.set('updatedAt', valid.updatedAt);
		ymap.set('meta', valid.meta);
		ymap.set('text', new Y.Text(valid.text));
		const messages = messagesArray(doc);
		const index = idIndex(messages);
		messages.push([ymap]);
		index.byId.set(valid.id, ymap);
		index.length = messages.length;
	});
	return ymap;
}

export type MessagePatch = Partial<Pick<Message, 'state' | 'meta'>>;

/** Sets state and merges meta; call inside a transaction when batching with text appends. */
export function patchMessage(ymap: YMessage, patch: MessagePatch, now = Date.now()): void {
	if (patch.state !== undefined) ymap.set('state', patch.state);
	if (patch.meta !== undefined) {
		const meta = (ymap.get('meta') as Message['meta'] | undefined) ?? {};
		ymap.set('meta', { ...meta, ...patch.meta });
	}
	ymap.set('updatedAt', now);
}

export function appendText(ymap: YMessage, delta: string): void {
	const text = ymap.get('text');
	if (text instanceof Y.Text) text.insert(text.length, delta);
}

export const messageId = (ymap: YMessage) => ymap.get('id') as string;
export const messageState = (ymap: YMessage) => ymap.get('state') as Message['state'];
