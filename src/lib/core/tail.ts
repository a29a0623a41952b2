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

/**
 * The most bytes of JSON messages one answer holds: the server builds each answer whole, so a session of
 * long messages would otherwise cost it megabytes per request (and hold them while a client does not read).
 */
export const TAIL_BYTES = 512 * 1024;

export type TailMessage = Message & { seq: number };

export const TailSchema = z.object({
	messages: z.array(MessageSchema.extend({ seq: z.number().int().min(0) })),
	/** Messages in the whole document. */
	total: z.number().int().min(0)
});
type Tail = z.infer<typeof TailSchema>;

/** What ends a message's text cut to fit an answer; the device shows it until the synced document replaces the row. */
export const cutMarker = (left: number) => `\n\n[… ${left} more characters: the whole message shows once the session has synced]`;

/**
 * The newest `limit` messages, oldest first, as many as fit in `maxBytes`: always the newest one, its
 * text cut to fit when it alone is over. Entries that do not read as a valid message are left out.
 */
export function readTail(doc: Y.Doc, sessionId: string, limit: number, maxBytes = TAIL_BYTES): Tail {
	const array = messagesArray(doc);
	const total = array.length;
	const from = Math.max(0, total - limit);
	const entries = array.slice(from);
	const messages: TailMessage[] = [];
	let used = 0;
	for (let i = entries.length - 1; i >= 0; i--) {
		const message = readMessage(entries[i], sessionId);
		if (!message) continue;
		const entry: TailMessage = { ...message, seq: from + i };
		used += jsonBytes(entry);
		if (used <= maxBytes) messages.push(entry);
		else {
			if (messages.length === 0) messages.push(cutToFit(entry, maxBytes));
			break;
		}
	}
	return { messages: messages.reverse(), total };
}

function cutToFit(message: TailMessage, maxBytes: number): TailMessage {
	// The marker as JSON (its newlines escaped, its ellipsis 3 bytes), less its quotes.
	const room = Math.max(0, maxBytes - jsonBytes({ ...message, text: '' }) - (jsonBytes(cutMarker(message.text.length)) - 2));
	const kept = prefixOfBytes(message.text, room);
	return { ...message, text: kept + cutMarker(message.text.length - kept.length) };
}

const jsonBytes = (value: unknown) => utf8Length(JSON.stringify(value));

function utf8Length(text: string): number {
	let bytes = text.length;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		// A surrogate pair is 4 bytes for 2 units; other units past ASCII are 2 or 3 bytes.
		if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 1 : 2;
	}
	return bytes;
}

/**
 * The longest start of `text` whose JSON string form (quotes aside) is within `maxBytes` of UTF-8, never
 * splitting a surrogate pair: JSON.stringify writes `"` and `\\` and the short control escapes in 2 bytes, other
 * controls and lone surrogates in 6.
 */
function prefixOfBytes(text: string, maxBytes: number): string {
	let bytes = 0;
	let end = 0;
	while (end < text.length) {
		const unit = text.charCodeAt(end);
		const high = unit >= 0xd800 && unit < 0xdc00;
		const pair = high && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
		const size = pair ? 4 : jsonUnitBytes(unit);
		if (bytes + size > maxBytes) break;
		bytes += size;
		end += pair ? 2 : 1;
	}
	return text.slice(0, end);
}

function jsonUnitBytes(unit: number): number {
	if (unit === 0x22 || unit === 0x5c || unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d) return 2;
	if (unit < 0x20 || (unit >= 0xd800 && unit < 0xe000)) return 6;
	return unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
}
