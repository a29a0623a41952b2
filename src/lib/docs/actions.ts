// The write path for sessions and prompts: every change goes into a Y.Doc through the core accessors;
// the UI sees it once the mirror has written the rows. Failures come back as data with a reason.
import { DEFAULT_MODEL } from '$lib/core/defaults';
import { sessionDocName } from '$lib/core/docnames';
import { newId } from '$lib/core/ids';
import { PromptSchema, SessionSchema, type Engine, type Message, type Session } from '$lib/core/model';
import { answerApproval, type AnswerExtra, type ApprovalAnswer } from '$lib/core/approvals';
import type { PermissionMode } from '$lib/core/tools';
import { forkSession, writeFork, type ForkError } from '$lib/core/fork';
import { checkImages, putImage, readImage, sha256Hex, sniffImageType, type ImageError, type ImageRef } from '$lib/core/images';
import { canRetry, endTurns, requestStop, retryPrompt } from '$lib/core/turns';
import {
	appendMessage,
	listMessages,
	nextUpdatedAt,
	putSession,
	readAgentInfo,
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

export type ActionError =
	| 'title-invalid'
	| 'prompt-empty'
	| 'prompt-too-long'
	| 'session-missing'
	| 'session-ended'
	| 'approval-closed'
	| 'turn-not-retryable'
	| ForkError
	| ImageError['reason'];
export type Result<T> = { ok: true; value: T } | { ok: false; error: ActionError };

const fail = (error: ActionError): { ok: false; error: ActionError } => ({ ok: false, error });

/** An image attached to a prompt on this device. */
export interface PromptImage {
	bytes: Uint8Array;
	name?: string;
}

export interface SessionActions {
	/**
	 * `workspace`: an existing folder the server allowed (see files/working-folder.ts); by default a new one.
	 * `engine`: who runs its turns; absent means the Messages API (as for sessions older than engines).
	 */
	createSession(title: string, workspace?: string, engine?: Engine): Promise<Result<Session>>;
	renameSession(id: string, title: string): Promise<Result<Session>>;
	/** Ends a session: its pending approvals are denied in the name of `by` (this device) and its running turn stopped. */
	endSession(id: string, by?: string): Promise<Result<Session>>;
	/** Makes an ended session take prompts again. */
	reopenSession(id: string): Promise<Result<Session>>;
	deleteSession(id: string): Promise<Result<null>>;
	/** Stores the prompt (and its images, once per content hash) as a queued user message; the server runs it once it syncs. */
	sendPrompt(sessionId: string, text: string, images?: PromptImage[]): Promise<Result<Message>>;
	stopTurn(sessionId: string, promptId: string): Promise<Result<null>>;
	/**
	 * Answers a tool call waiting for a person; the first answer the server sees decides, on every device.
	 * `extra`: a deny reason or plan feedback (`message`), or AskUserQuestion's `answers`.
	 */
	answerApproval(sessionId: string, toolUseId: string, answer: ApprovalAnswer, deviceLabel: string, extra?: AnswerExtra): Promise<Result<null>>;
	/** How much Claude may do without asking in this session; read by the server before each tool call. */
	setPermissionMode(sessionId: string, mode: PermissionMode): Promise<Result<Session>>;
	/** Queues an interrupted or failed prompt again (once), as a new prompt with `meta.retryOf`. */
	retryTurn(sessionId: string, promptId: string): Promise<Result<Message>>;
	/** A new session holding the turns before the prompt `promptId`, with that prompt as its draft (core/fork.ts). */
	forkSession(sessionId: string, promptId: string): Promise<Result<Session>>;
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

	async function patchSession(id: string, patch: Partial<Pick<Session, 'title' | 'status' | 'permissionMode'>>): Promise<Result<Session>> {
		const index = await docs.index();
		if (!updateSession(index, id, patch, now())) return fail('session-missing');
		await docs.settled();
		return { ok: true, value: (await current(id))! };
	}

	/** Ends or reopens a session, with a system line in its stream saying when. */
	async function setStatus(id: string, status: Session['status'], line: string, by = 'a device'): Promise<Result<Session>> {
		const session = await current(id);
		if (!session) return fail('session-missing');
		if (session.status === status) return { ok: true, value: session };
		const at = now();
		await withSessionDoc(id, (doc) => {
			// Nothing may wait on an ended session: its pending approvals are denied and its turn stopped.
			if (status === 'ended') endTurns(doc, id, by, at);
			appendMessage(doc, { id: newId(at), kind: 'system', text: line, state: 'done', createdAt: at, meta: {} });
		});
		return patchSession(id, { status });
	}

	return {
		async createSession(title, workspace, engine) {
			const at = now();
			const index = await docs.index();
			const parsed = SessionSchema.safeParse({
				id: newId(at),
				title: title.trim() || 'Untitled',
				createdAt: at,
				updatedAt: nextUpdatedAt(index, at),
				status: 'active',
				model: model(),
				...(workspace ? { workspace } : {}),
				...(engine ? { engine } : {})
			});
			if (!parsed.success) return fail('title-invalid');
			putSession(index, parsed.data);
			await docs.settled();
			return { ok: true, value: parsed.data };
		},
		async renameSession(id, title) {
			if (!SessionSchema.shape.title.safeParse(title).success) return fail('title-invalid');
			return patchSession(id, { title: title.trim() });
		},
		endSession: (id, by) => setStatus(id, 'ended', 'Session ended.', by),
		reopenSession: (id) => setStatus(id, 'active', 'Session reopened.'),
		async deleteSession(id) {
			removeSession(await docs.index(), id);
			await docs.registry.forget(sessionDocName(id));
			const tables = [docs.db.messages, docs.db.drafts, docs.db.mirror, docs.db.fileListings, docs.db.fileContents, docs.db.gitViews];
			await docs.db.transaction('rw', tables, async () => {
				await docs.db.messages.where('[sessionId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).delete();
				await docs.db.drafts.delete(id);
				await docs.db.mirror.delete(sessionDocName(id));
				await docs.db.fileListings.where('sessionId').equals(id).delete();
				await docs.db.fileContents.where('sessionId').equals(id).delete();
				await docs.db.gitViews.where('sessionId').equals(id).delete();
			});
			await docs.settled();
			return { ok: true, value: null };
		},
		async sendPrompt(sessionId, text, images = []) {
			// A prompt may be images alone; text, when there is some, follows the usual rules.
			const prompt = images.length > 0 && text.trim() === '' ? { success: true as const, data: '' } : PromptSchema.safeParse(text);
			if (!prompt.success) return fail(text.trim() === '' ? 'prompt-empty' : 'prompt-too-long');
			const checked = checkImages(images);
			if (!checked.ok) return fail(checked.error.reason);
			const session = await current(sessionId);
			if (!session) return fail('session-missing');
			if (session.status === 'ended') return fail('session-ended');
			const hashes = await Promise.all(images.map((image) => sha256Hex(image.bytes)));
			const refs: ImageRef[] = images.map(({ bytes, name }, i) => ({
				hash: hashes[i]!,
				type: sniffImageType(bytes)!,
				size: bytes.length,
				...(name ? { name: name.slice(0, 200) } : {})
			}));
			const at = now();
			const message = await withSessionDoc(sessionId, (doc) =>
				doc.transact(() => {
					images.forEach(({ bytes }, i) => putImage(doc, hashes[i]!, bytes));
					const meta = refs.length > 0 ? { images: refs } : {};
					return readMessage(appendMessage(doc, { id: newId(at), kind: 'user', text: prompt.data, state: 'queued', createdAt: at, meta }), sessionId);
				})
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
		},
		async answerApproval(sessionId, toolUseId, answer, deviceLabel, extra) {
			if (!(await current(sessionId))) return fail('session-missing');
			const result = await withSessionDoc(sessionId, (doc) => answerApproval(doc, toolUseId, answer, deviceLabel, now(), extra));
			return result.ok ? { ok: true, value: null } : fail('approval-closed');
		},
		async setPermissionMode(sessionId, mode) {
			const session = await current(sessionId);
			if (!session) return fail('session-missing');
			if (session.status === 'ended') return fail('session-ended');
			return patchSession(sessionId, { permissionMode: mode });
		},
		async retryTurn(sessionId, promptId) {
			const session = await current(sessionId);
			if (!session) return fail('session-missing');
			if (session.status === 'ended') return fail('session-ended');
			const at = now();
			const message = await withSessionDoc(sessionId, (doc) => {
				const messages = listMessages(doc, sessionId);
				const prompt = messages.find((m) => m.id === promptId && m.kind === 'user');
				if (!prompt || !canRetry(messages, prompt)) return null;
				return readMessage(retryPrompt(doc, prompt, at), sessionId);
			});
			if (!message) return fail('turn-not-retryable');
			await patchSession(sessionId, {});
			return { ok: true, value: message };
		},
		async forkSession(sessionId, promptId) {
			const source = await current(sessionId);
			if (!source) return fail('session-missing');
			const at = now();
			const index = await docs.index();
			const made = await withSessionDoc(sessionId, (doc) => {
				const result = forkSession(source, listMessages(doc, sessionId), readAgentInfo(doc), promptId, at, nextUpdatedAt(index, at));
				if (!result.ok) return result;
				const images = result.fork.images.flatMap((hash) => {
					const bytes = readImage(doc, hash);
					return bytes ? [[hash, bytes] as const] : [];
				});
				return { ...result, images };
			});
			if (!made.ok) return fail(made.error);
			const { fork, images } = made;
			// The messages first, so a device that sees the new session in the index finds them.
			await withSessionDoc(fork.session.id, (doc) => writeFork(doc, fork, images));
			await writeDraft(docs.db, fork.session.id, fork.draft);
			putSession(index, fork.session);
			await docs.settled();
			return { ok: true, value: fork.session };
		}
	};
}
