// Puts sessions straight into the app's IndexedDB the way y-dexie stores them (one Yjs update per doc),
// as if they had synced from another device. The app must have created its database first.
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { INDEX_DOC, sessionDocName } from '../../src/lib/core/docnames';
import { newId } from '../../src/lib/core/ids';
import type { AgentInfo, Session } from '../../src/lib/core/model';
import { agentMap, appendMessage, putSession, type NewMessage } from '../../src/lib/core/ydoc';
import { DB_NAME, DOCS_TABLE, DOC_UPDATES_TABLE } from '../../src/lib/db/names';

export function newSession(title: string, at = Date.now()): Session {
	return { id: newId(at), title, createdAt: at, updatedAt: at, status: 'active', model: 'claude-sonnet-5-5' };
}

const base64 = (update: Uint8Array) => Buffer.from(update).toString('base64');

/** One Yjs update holding `messages` in order (and what the server knows of its agent), as a device that synced the session would store it. */
export function sessionUpdate(messages: NewMessage[], agent: AgentInfo = {}): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const message of messages) appendMessage(doc, message);
		for (const [key, value] of Object.entries(agent)) agentMap(doc).set(key, value);
	});
	return Y.encodeStateAsUpdateV2(doc);
}

export async function seedSession(page: Page, session: Session, messages: NewMessage[], agent: AgentInfo = {}): Promise<void> {
	const index = new Y.Doc();
	putSession(index, session);
	const updates: [string, string][] = [
		[INDEX_DOC, base64(Y.encodeStateAsUpdateV2(index))],
		[sessionDocName(session.id), base64(sessionUpdate(messages, agent))]
	];
	await page.evaluate(
		async ({ dbName, docsTable, updatesTable, updates }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(dbName);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction([docsTable, updatesTable], 'readwrite');
			for (const [name, base64] of updates) {
				tx.objectStore(docsTable).put({ name });
				tx.objectStore(updatesTable).add({ k: name, u: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), f: 1 });
			}
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ dbName: DB_NAME, docsTable: DOCS_TABLE, updatesTable: DOC_UPDATES_TABLE, updates }
	);
}

/** `count` messages cycling through the kinds, numbered from 1 in their text. */
export function manyMessages(count: number, start = Date.now() - count * 1000): NewMessage[] {
	return Array.from({ length: count }, (_, i) => {
		const kind = i % 2 === 0 ? 'user' : 'assistant';
		const lines = i % 7 === 0 ? '\nwith a second line\nand a third' : '';
		return {
			id: newId(start + i * 1000),
			kind,
			text: `Message ${i + 1}${lines}`,
			state: 'done',
			createdAt: start + i * 1000,
			meta: kind === 'assistant' ? { model: 'claude-sonnet-5-5', usage: { inputTokens: 1200 + i, outputTokens: 80, cacheReadTokens: 0, cacheWriteTokens: 0 } } : {}
		};
	});
}
