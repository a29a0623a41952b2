// Which images a prompt may carry: the types (told apart by their first bytes, never by a file name) and
// the limits, checked the same way on the device and the server. Free of zod and Yjs, so the prompt box
// of the first screen can check a pasted image without loading either.

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** The API's own limit for one image. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_PROMPT = 3;
/** Keeps one prompt's update under the server's default 16 MiB WebSocket frame. */
export const MAX_PROMPT_IMAGE_BYTES = 10 * 1024 * 1024;

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
