// The write path for sessions and prompts: every change goes into a Y.Doc through the core accessors;
// the UI sees it once the mirror has written the rows. Failures come back as data with a reason.
import { DEFAULT_MODEL } from '$lib/core/defaults';
import { sessionDocName } from '$lib/core/docnames';
import { newId } from '$lib/core/ids';
import { PromptSchema, SessionSchema, type Message, type Session } from '$lib/core/model';
import { requestStop } from '$lib/core/turns';
import {
	appendMessage,
	putSession,
	readMessage,
	readSession,
	removeSession,
	sessionsMap,
	updateSession
} from '$lib/core/ydoc';
import { Dexie } from 'dexie';
import type * as Y from 'yjs';
import { writeDraft } from '$lib/db/drafts';
import type { LocalDocs } from './local';

export type ActionError = 'title-invalid' | 'prompt-empty' | 'prompt-too-long' | 'session-missing' | 'session-ended';
export type Result<T> = { ok: true; value: T } | { ok: false; error: ActionError };

const fail = (error: ActionError): { ok: false; error: ActionError } => ({ ok: false, error });

export interface SessionActions {
	createSession(title: string): Promise<Result<Session>>;
	renameSession(id: string, title: string): Promise<Result<Session>>;
	endSession(id: string): Promise<Result<Session>>;
	deleteSession(id: string): Promise<Result<null>>;
	/** Stores the prompt as a queued user message; the server runs it once it syncs. */
	sendPrompt(sessionId: string, text: string): Promise<Result<Message>>;
	stopTurn(sessionId: string, promptId: string): Promise<Result<null>>;
}

export function createSessionActions(
	docs: LocalDocs,
	now: () => number = Date.now,
	/** The model new sessions name (the server's, once it is known). */
	model: () => string = () => DEFAULT_MODEL
): SessionActions {
	const current = async (id: string) => {
		const ymap = sessionsMap(await docs.index()).get(id);
		return ymap ? readSession(ymap) : null;
	};

	/** Runs `write` on an open session doc, then waits for the mirror, so the UI reads the result. */
	async function withSessionDoc<T>(id: string, write: (doc: Y.Doc) => T): Promise<T> {
		const name = sessionDocName(id);
		const doc = await docs.registry.open(name);
		try {
			const result = write(doc);
			await docs.settled();
			return result;
		} finally {
			docs.registry.release(name);
		}
	}

	async function patchSession(id: string, patch: Partial<Pick<Session, 'title' | 'status'>>): Promise<Result<Session>> {
		const index = await docs.index();
		if (!updateSession(index, id, patch, now())) return fail('session-missing');
		await docs.settled();
		return { ok: true, value: (await current(id))! };
	}

	return {
		async createSession(title) {
			const at = now();
			const parsed = SessionSchema.safeParse({
				id: newId(at),
				title: title.trim() || 'Untitled',
				createdAt: at,
				updatedAt: at,
				status: 'active',
				model: model()
			});
			if (!parsed.success) return fail('title-invalid');
			putSession(await docs.index(), parsed.data);
			await docs.settled();
			return { ok: true, value: parsed.data };
		},
		async renameSession(id, title) {
			if (!SessionSchema.shape.title.safeParse(title).success) return fail('title-invalid');
			return patchSession(id, { title: title.trim() });
		},
		async endSession(id) {
			const session = await current(id);
			if (!session) return fail('session-missing');
			if (session.status === 'ended') return { ok: true, value: session };
			const at = now();
			await withSessionDoc(id, (doc) =>
				appendMessage(doc, { id: newId(at), kind: 'system', text: 'Session ended.', state: 'done', createdAt: at, meta: {} })
			);
			return patchSession(id, { status: 'ended' });
		},
		async deleteSession(id) {
			removeSession(await docs.index(), id);
			await docs.registry.forget(sessionDocName(id));
			await docs.db.transaction('rw', [docs.db.messages, docs.db.drafts, docs.db.mirror], async () => {
				await docs.db.messages.where('[sessionId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).delete();
				await docs.db.drafts.delete(id);
				await docs.db.mirror.delete(sessionDocName(id));
			});
			await docs.settled();
			return { ok: true, value: null };
		},
		async sendPrompt(sessionId, text) {
			const prompt = PromptSchema.safeParse(text);
			if (!prompt.success) return fail(text.trim() === '' ? 'prompt-empty' : 'prompt-too-long');
			const session = await current(sessionId);
			if (!session) return fail('session-missing');
			if (session.status === 'ended') return fail('session-ended');
			const at = now();
			const message = await withSessionDoc(sessionId, (doc) =>
				readMessage(
					appendMessage(doc, { id: newId(at), kind: 'user', text: prompt.data, state: 'queued', createdAt: at, meta: {} }),
					sessionId
				)
			);
			await writeDraft(docs.db, sessionId, '');
			// Bumping updatedAt is how the index tells other devices this session changed.
			await patchSession(sessionId, {});
			return { ok: true, value: message! };
		},
		async stopTurn(sessionId, promptId) {
			if (!(await current(sessionId))) return fail('session-missing');
			await withSessionDoc(sessionId, (doc) => requestStop(doc, promptId, now()));
			return { ok: true, value: null };
		}
	};
}
