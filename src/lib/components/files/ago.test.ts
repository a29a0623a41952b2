import { expect, it } from 'vitest';
import { agoText } from './ago';

it('says how old a copy is', () => {
	const now = 1_000_000_000;
	expect(agoText(now - 5_000, now)).toBe('just now');
	expect(agoText(now - 5 * 60_000, now)).toBe('5 min ago');
	expect(agoText(now - 3 * 3_600_000, now)).toBe('3 h ago');
	expect(agoText(now - 3 * 86_400_000, now)).toBe('3 days ago');
	expect(agoText(now + 10_000, now)).toBe('just now');
});
