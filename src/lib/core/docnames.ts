// Names of the Yjs documents a tenant owns: `index`, and `session/<id>` for each session.
import { isId } from './ids';

export type DocName = { kind: 'index' } | { kind: 'session'; sessionId: string };

export const INDEX_DOC = 'index';

export function sessionDocName(sessionId: string): string {
	return `session/${sessionId}`;
}

/** Parses a client-supplied name; anything else (`..`, encodings, absolute paths) is null. */
export function parseDocName(name: string): DocName | null {
	if (name === INDEX_DOC) return { kind: 'index' };
	const match = /^session\/([^/]+)$/.exec(name);
	if (match && isId(match[1])) return { kind: 'session', sessionId: match[1] };
	return null;
}
