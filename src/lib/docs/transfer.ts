// Export and import on the device. Export reads the mirrored rows (what the screen shows); import checks
// the whole file first, then writes every session under new ids through the core accessors, so the
// normal sync takes them to the server and other devices. A refused file has written nothing.
import { sessionDocName } from '$lib/core/docnames';
import { exportFile, exportOf, parseExportFile, type ExportFile, type ImportError } from '$lib/core/export/format';
import { sessionMarkdown } from '$lib/core/export/markdown';
import { planImport } from '$lib/core/export/plan';
import type { Message, Session } from '$lib/core/model';
import { appendMessage, putSession } from '$lib/core/ydoc';
import { messagesFrom } from '$lib/db/messages';
import type { RunnerDb } from '$lib/db/schema';
import { allSessions, getSession } from '$lib/db/sessions';
import type { LocalDocs } from './local';

async function messagesOf(db: RunnerDb, sessionId: string): Promise<Message[]> {
	return (await messagesFrom(db, sessionId, 0)).map(({ seq: _seq, ...message }) => message);
}

/** One session, or every session of the tenant on this device when `sessionId` is left out. */
export async function exportSessions(db: RunnerDb, sessionId?: string, now = Date.now()): Promise<ExportFile> {
	const sessions = sessionId ? [await getSession(db, sessionId)].filter((s): s is Session => !!s) : await allSessions(db);
	const exports = [];
	for (const session of sessions) exports.push(exportOf(session, await messagesOf(db, session.id)));
	return exportFile(exports, now);
}

export async function exportMarkdown(db: RunnerDb, sessionId: string): Promise<string | null> {
	const session = await getSession(db, sessionId);
	return session ? sessionMarkdown(session, await messagesOf(db, sessionId)) : null;
}

export type ImportResult = { ok: true; sessions: Session[] } | { ok: false; error: ImportError };

export async function importSessions(docs: LocalDocs, text: string, byteLength: number, now = Date.now()): Promise<ImportResult> {
	const parsed = parseExportFile(text, byteLength);
	if (!parsed.ok) return parsed;
	const planned = planImport(parsed.file, now);
	for (const { session, messages } of planned) {
		const name = sessionDocName(session.id);
		const doc = await docs.registry.open(name);
		try {
			doc.transact(() => {
				for (const { sessionId: _s, ...message } of messages) appendMessage(doc, message);
			});
			await docs.settled();
		} finally {
			docs.registry.release(name);
		}
	}
	// The sessions appear together, and only once their messages are written.
	const index = await docs.index();
	index.transact(() => planned.forEach(({ session }) => putSession(index, session)));
	await docs.settled();
	return { ok: true, sessions: planned.map((p) => p.session) };
}
