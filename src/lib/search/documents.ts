// What search sees of a message or a session: its words, the file paths it names, and where it lives.
// Platform-free: used by the device's index and by the bench.
import type { Message, Session } from '$lib/core/model';

export interface SearchDoc {
	/** The message id, or `session:<id>` for a session's title. */
	id: string;
	sessionId: string;
	kind: Message['kind'] | 'title';
	/** Position in the session (the mirror's `seq`); -1 for a title. */
	seq: number;
	title: string;
	text: string;
	paths: string;
}

export const titleDocId = (sessionId: string) => `session:${sessionId}`;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A result's text with the session's folder left out of the absolute paths Claude Code's tools name, as the
 * stream shows them: its own `workspace`, else its default folder on the server (`…/<folder's session id>/`).
 */
export function folderRelative(text: string, session: Pick<Session, 'id' | 'workspace' | 'folderOf'> | undefined): string {
	if (!session) return text;
	if (session.workspace) return text.replaceAll(`${session.workspace.replace(/\/+$/, '')}/`, '');
	return text.replace(new RegExp(`(?:/[^\\s/]+)*/${escaped(session.folderOf ?? session.id)}/`, 'g'), '');
}

/** String values of a tool's input (a command, a pattern, a path), in order; keys and numbers are noise. */
function inputWords(input: unknown, out: string[] = []): string[] {
	if (typeof input === 'string') out.push(input);
	else if (Array.isArray(input)) for (const item of input) inputWords(item, out);
	else if (input && typeof input === 'object') for (const value of Object.values(input)) inputWords(value, out);
	return out;
}

function pathsOf(message: Pick<Message, 'meta'>): string[] {
	const input = message.meta.toolInput as Record<string, unknown> | undefined;
	const named = [input?.path, input?.file_path].filter((p): p is string => typeof p === 'string');
	return [...named, ...(message.meta.changes ?? []).map((c) => c.path)];
}

export function messageDoc(message: Message & { seq: number }): SearchDoc {
	const tool = message.kind === 'tool_call' ? [message.meta.toolName ?? '', ...inputWords(message.meta.toolInput)] : [];
	const error = message.meta.error?.message ?? '';
	return {
		id: message.id,
		sessionId: message.sessionId,
		kind: message.kind,
		seq: message.seq,
		title: '',
		text: [message.text, ...tool, error].filter(Boolean).join('\n'),
		paths: pathsOf(message).join('\n')
	};
}

export function titleDoc(session: Pick<Session, 'id' | 'title'>): SearchDoc {
	return { id: titleDocId(session.id), sessionId: session.id, kind: 'title', seq: -1, title: session.title, text: '', paths: '' };
}
