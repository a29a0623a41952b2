import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary, SNIFF_BYTES } from './text';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('binary detection', () => {
	it('treats plain and multi-byte UTF-8 as text', () => {
		expect(looksBinary(utf8('hello\nwörld ✓ 🎉\n'))).toBe(false);
		expect(decodeText(utf8('hello ✓'))).toBe('hello ✓');
	});

	it('treats an empty file as text', () => {
		expect(decodeText(new Uint8Array())).toBe('');
	});

	it('finds a NUL byte in the first KB', () => {
		expect(looksBinary(Uint8Array.from([0x68, 0x69, 0x00, 0x21]))).toBe(true);
	});

	it('finds invalid UTF-8 in the first KB (a PNG header)', () => {
		expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
	});

	it('does not count a character cut at the 1 KB boundary as invalid', () => {
		const bytes = utf8('a'.repeat(SNIFF_BYTES - 1) + 'é and more');
		expect(bytes[SNIFF_BYTES - 1]).toBe(0xc3);
		expect(looksBinary(bytes)).toBe(false);
		expect(decodeText(bytes)).toContain('é and more');
	});

	it('refuses as text a file whose invalid bytes come after the first KB', () => {
		const bytes = new Uint8Array([...utf8('a'.repeat(5000)), 0xff, 0xfe]);
		expect(looksBinary(bytes)).toBe(false);
		expect(decodeText(bytes)).toBeNull();
	});

	it('keeps a byte order mark, so a save writes the same bytes back', () => {
		expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
	});
});
