// Decides what counts as text: a file is shown or edited only if it is valid UTF-8 without NUL bytes.
export const SNIFF_BYTES = 1024;

/** The cheap test used before reading a whole file: NUL bytes or invalid UTF-8 in the first KB. */
export function looksBinary(bytes: Uint8Array): boolean {
	const head = bytes.subarray(0, SNIFF_BYTES);
	if (head.includes(0)) return true;
	try {
		// stream: true keeps a multi-byte character cut at the 1 KB boundary from counting as invalid.
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return false;
	} catch {
		return true;
	}
}

/** The whole file as text, or null when any of it is not UTF-8 (so saving it back could not corrupt it). */
export function decodeText(bytes: Uint8Array): string | null {
	if (looksBinary(bytes) || bytes.includes(0)) return null;
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}
