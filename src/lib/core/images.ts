// Images in prompts, for device and server alike: the checks live in image-checks.ts; here, where a session
// keeps the bytes (its doc's `images` map, keyed by SHA-256, so an image pasted twice is stored once and syncs
// with the session), and the content blocks a prompt becomes for Claude on either engine.
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { checkImages, IMAGE_TYPES, MAX_IMAGE_BYTES, sniffImageType, type ImageError, type ImageType } from './image-checks';
import { z } from './zod';

export { checkImages, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES_PER_PROMPT, MAX_PROMPT_IMAGE_BYTES, sniffImageType, type ImageError, type ImageType } from './image-checks';

export const ImageRefSchema = z.object({
	hash: z.string().regex(/^[0-9a-f]{64}$/),
	type: z.enum(IMAGE_TYPES),
	size: z.number().int().positive().max(MAX_IMAGE_BYTES),
	name: z.string().max(200).optional()
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const imagesMap = (doc: Y.Doc) => doc.getMap<Uint8Array>('images');

/** Stores the bytes under their hash unless the session has them already. */
export function putImage(doc: Y.Doc, hash: string, bytes: Uint8Array): void {
	const images = imagesMap(doc);
	if (!images.has(hash)) images.set(hash, bytes);
}

export function readImage(doc: Y.Doc, hash: string): Uint8Array | undefined {
	return imagesMap(doc).get(hash);
}

/** The SDK's block shapes, written out here so the core needs no SDK. */
export type PromptBlock =
	| { type: 'text'; text: string }
	| { type: 'image'; source: { type: 'base64'; media_type: ImageType; data: string } };

/**
 * What a prompt says to Claude: its images first (Anthropic's advice), then its text. Bytes come from the
 * session doc and are checked again here (type, size), so a device that skipped its checks cannot send
 * anything else upstream. Both engines call this.
 */
export function promptBlocks(
	text: string,
	refs: readonly ImageRef[] | undefined,
	read: (hash: string) => Uint8Array | undefined
): { ok: true; blocks: PromptBlock[] } | { ok: false; error: ImageError } {
	const images: Array<{ ref: ImageRef; bytes: Uint8Array }> = [];
	for (const ref of refs ?? []) {
		const bytes = read(ref.hash);
		if (!bytes) {
			return { ok: false, error: { reason: 'image-missing', message: 'An image of this prompt has not reached the server yet; press Retry once the device that sent it is online.' } };
		}
		images.push({ ref, bytes });
	}
	const checked = checkImages(images.map(({ ref, bytes }) => ({ bytes, name: ref.name })));
	if (!checked.ok) return checked;
	const blocks: PromptBlock[] = images.map(({ bytes }) => ({
		type: 'image',
		source: { type: 'base64', media_type: sniffImageType(bytes)!, data: toBase64(bytes) }
	}));
	if (text.trim()) blocks.push({ type: 'text', text });
	return { ok: true, blocks };
}
