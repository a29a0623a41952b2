// A streaming message's text straight from its Y.Text: each delta lands in the document first and in the
// Dexie row (which the stream lists) only after the mirror's next write, so the message being written is
// rendered from here and is never a mirror write behind. Lives in the docs layer, which loads Yjs lazily.
import * as Y from 'yjs';
import { sessionDocName } from '$lib/core/docnames';
import { findMessage } from '$lib/core/ydoc';
import type { DocRegistry } from './registry';

/** Calls `ontext` with the message's text now and on every change, until the returned stop is called. */
export async function watchMessageText(registry: DocRegistry, sessionId: string, messageId: string, ontext: (text: string) => void): Promise<() => void> {
	const name = sessionDocName(sessionId);
	const doc = await registry.open(name);
	const text = findMessage(doc, messageId)?.get('text');
	if (!(text instanceof Y.Text)) {
		registry.release(name);
		return () => undefined;
	}
	const read = () => ontext(text.toString());
	read();
	text.observe(read);
	return () => {
		text.unobserve(read);
		registry.release(name);
	};
}
