// A device that has been in use for a long time, as IndexedDB rows: the Yjs updates y-dexie keeps for
// each document (one merged update per doc) and the rows the app's mirrors derive from them (sessions,
// messages with their position, the mirrored state vector), so the app starts in its steady state.
import * as Y from 'yjs';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { appendMessage, listMessages, listSessions, putSession, type NewMessage } from '../../src/lib/core/ydoc';
import { DOCS_TABLE, DOC_UPDATES_TABLE } from '../../src/lib/db/names';
import { manyMessages, newSession, sessionUpdate } from '../../tests/e2e/seed';

export interface StoreBatch {
	store: string;
	rows: object[];
	/** Fields holding base64 that the page turns back into Uint8Array. */
	binary?: string[];
	/** Auto-incremented stores take `add`; the rest `put`. */
	add?: boolean;
}

export interface DeviceData {
	batches: StoreBatch[];
	sessions: number;
	messages: number;
	/** The session with `longMessages` messages, listed first (most recently updated). */
	longTitle: string;
	/** Text of its newest message. */
	longTail: string;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** Splits rows into batches small enough to hand to the page one at a time. */
function batched(store: string, rows: object[], extra: Omit<StoreBatch, 'store' | 'rows'> = {}, size = 5000): StoreBatch[] {
	const out: StoreBatch[] = [];
	for (let i = 0; i < rows.length; i += size) out.push({ store, rows: rows.slice(i, i + size), ...extra });
	return out;
}

/** `makeMessages` writes each session's messages (by default numbered ones, for the scrolling benches). */
export function deviceData(
	sessionCount: number,
	messageCount: number,
	longMessages: number,
	makeMessages: (count: number, start: number) => NewMessage[] = manyMessages
): DeviceData {
	const now = Date.now();
	const index = new Y.Doc();
	const rest = messageCount - longMessages;
	const perSession = Math.floor(rest / (sessionCount - 1));
	const extra = rest - perSession * (sessionCount - 1);
	const docs: object[] = [{ name: INDEX_DOC }];
	const updates: object[] = [];
	const messageRows: object[] = [];
	const mirrors: object[] = [];
	const longTitle = 'Ten thousand';
	for (let i = 0; i < sessionCount; i++) {
		const session = newSession(i === 0 ? longTitle : `Session ${i + 1}`, now - i * 60_000);
		putSession(index, session);
		const count = i === 0 ? longMessages : perSession + (i <= extra ? 1 : 0);
		const update = sessionUpdate(makeMessages(count, session.createdAt - count * 1000));
		const doc = new Y.Doc();
		Y.applyUpdateV2(doc, update);
		const name = sessionDocName(session.id);
		docs.push({ name });
		updates.push({ k: name, u: base64(update), f: 1 });
		listMessages(doc, session.id).forEach((message, seq) => messageRows.push({ ...message, seq }));
		mirrors.push({ name, stateVector: base64(Y.encodeStateVector(doc)) });
		doc.destroy();
	}
	updates.unshift({ k: INDEX_DOC, u: base64(Y.encodeStateAsUpdateV2(index)), f: 1 });
	return {
		batches: [
			{ store: DOCS_TABLE, rows: docs },
			...batched(DOC_UPDATES_TABLE, updates, { binary: ['u'], add: true }, 100),
			{ store: 'sessions', rows: listSessions(index) },
			...batched('messages', messageRows),
			{ store: 'mirror', rows: mirrors, binary: ['stateVector'] }
		],
		sessions: sessionCount,
		messages: messageRows.length,
		longTitle,
		longTail: `Message ${longMessages}`
	};
}
