import { describe, expect, it } from 'vitest';
import { OutputCap } from './outputCap';

describe('OutputCap', () => {
	it('keeps everything under the cap', () => {
		const cap = new OutputCap(100);
		cap.push(Buffer.from('hello '));
		cap.push(Buffer.from('world'));
		expect(cap.text()).toBe('hello world');
	});

	it('keeps the head and tail and says how much was cut', () => {
		const cap = new OutputCap(10);
		for (const part of ['abc', 'def', 'ghi', 'jkl', 'mno']) cap.push(Buffer.from(part));
		expect(cap.text()).toBe('abcde\n[… 5 bytes of output cut …]\nklmno');
	});
});
