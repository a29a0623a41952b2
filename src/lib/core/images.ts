// Images in prompts, for device and server alike: the accepted types (told apart by their first bytes,
// never by a file name), the limits, where a session keeps the bytes (its doc's `images` map, keyed by
// SHA-256, so an image pasted twice is stored once and syncs with the session), and the content blocks
// a prompt becomes for Claude on either engine.
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { z } from './zod';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** The API's own limit for one image. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_PROMPT = 3;
/** Keeps one prompt's update under the server's default 16 MiB WebSocket frame. */
export const MAX_PROMPT_IMAGE_BYTES = 10 * 1024 * 1024;

export const ImageRefSchema = z.object({
	hash: z.string().regex(/^[0-9a-f]{64}$/),
	type: z.enum(IMAGE_TYPES),
	size: z.number().int().positive().max(MAX_IMAGE_BYTES),
	name: z.string().max(200).optional()
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

export type ImageError = { reason: 'image-type' | 'image-too-large' | 'too-many-images' | 'image-missing'; message: string };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The type the bytes really are, or null for anything else (an SVG, a renamed file, a truncated one). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	return null;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Checks a prompt's images against the limits; the same rules run on the device and on the server. */
export function checkImages(images: ReadonlyArray<{ bytes: Uint8Array; name?: string }>): { ok: true } | { ok: false; error: ImageError } {
	if (images.length > MAX_IMAGES_PER_PROMPT) {
		return { ok: false, error: { reason: 'too-many-images', message: `A prompt takes at most ${MAX_IMAGES_PER_PROMPT} images.` } };
	}
	for (const { bytes, name } of images) {
		const label = name ? `“${name}”` : 'An image';
		if (!sniffImageType(bytes)) {
			return { ok: false, error: { reason: 'image-type', message: `${label} is not a PNG, JPEG, GIF or WebP image.` } };
		}
		if (bytes.length > MAX_IMAGE_BYTES) {
			return { ok: false, error: { reason: 'image-too-large', message: `${label} is larger than ${mib(MAX_IMAGE_BYTES)}.` } };
		}
	}
	if (images.reduce((sum, i) => sum + i.bytes.length, 0) > MAX_PROMPT_IMAGE_BYTES) {
		return { ok: false, error: { reason: 'image-too-large', message: `A prompt's images may add up to ${mib(MAX_PROMPT_IMAGE_BYTES)}.` } };
	}
	return { ok: true };
}

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
