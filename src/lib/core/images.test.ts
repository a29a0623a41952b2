import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkImages, imagesMap, MAX_IMAGE_BYTES, putImage, sha256Hex, sniffImageType } from './images';

const bytes = (...head: number[]) => Uint8Array.from([...head, 0, 0, 0, 0, 0, 0, 0, 0]);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

describe('images', () => {
	it.each([
		['image/png', PNG],
		['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
		['image/gif', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61)],
		['image/webp', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50)]
	])('knows %s by its first bytes', (type, data) => {
		expect(sniffImageType(data)).toBe(type);
	});

	it('refuses what only claims to be an image: SVG, text, a truncated header', () => {
		for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'hello', '\x89PN']) {
			expect(checkImages([{ bytes: new TextEncoder().encode(text), name: 'x.png' }])).toMatchObject({ ok: false, error: { reason: 'image-type' } });
		}
	});

	it('enforces the size and count limits with a message naming the limit', () => {
		const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
		big.set(PNG);
		expect(checkImages([{ bytes: big, name: 'huge.png' }])).toEqual({ ok: false, error: { reason: 'image-too-large', message: '“huge.png” is larger than 5 MiB.' } });
		expect(checkImages([1, 2, 3, 4].map(() => ({ bytes: PNG })))).toMatchObject({ ok: false, error: { reason: 'too-many-images' } });
		expect(checkImages([{ bytes: PNG }])).toEqual({ ok: true });
	});

	it('stores an image once per session, under its SHA-256', async () => {
		const doc = new Y.Doc();
		const hash = await sha256Hex(PNG);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		putImage(doc, hash, PNG);
		const before = Y.encodeStateAsUpdate(doc).length;
		putImage(doc, hash, PNG);
		expect(Y.encodeStateAsUpdate(doc).length).toBe(before);
		expect(imagesMap(doc).size).toBe(1);
	});
});
