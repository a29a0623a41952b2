// The newest page of a session, read from its document: what the server sends a device that has not
// synced the session yet, so it paints at once while the whole document syncs behind it. `seq` is a
// message's position in the doc's array, as the device's mirror numbers its rows, so the mirrored rows
// that follow take the same places (no duplicate, no reordering).
import type * as Y from 'yjs';
import { z } from './zod';
import { MessageSchema, type Message } from './model';
import { messagesArray, readMessage } from './ydoc';

/** The most a device may ask for at once (a page is 100). */
export const TAIL_MAX = 500;

export type TailMessage = Message & { seq: number };

export const TailSchema = z.object({
	messages: z.array(MessageSchema.extend({ seq: z.number().int().min(0) })),
	/** Messages in the whole document. */
	total: z.number().int().min(0)
});
export type Tail = z.infer<typeof TailSchema>;

/** The newest `limit` messages, oldest first; entries that do not read as a valid message are left out. */
export function readTail(doc: Y.Doc, sessionId: string, limit: number): Tail {
	const array = messagesArray(doc);
	const total = array.length;
	const from = Math.max(0, total - limit);
	const messages: TailMessage[] = [];
	array.slice(from).forEach((ymap, i) => {
		const message = readMessage(ymap, sessionId);
		if (message) messages.push({ ...message, seq: from + i });
	});
	return { messages, total };
}
